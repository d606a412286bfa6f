import { availableParallelism } from 'node:os';
/**
 * Our side of the issuance benchmark: a test platform (fresh PGlite, or a fresh database on the
 * PostgreSQL server of TEST_DATABASE_URL) with an active seal and a published 营业执照 type per
 * algorithm, and `issueLicenses` called directly (no HTTP) as an issuer of the department.
 */
import { issueLicenses } from '@zhengyin/core';
import type { Actor, IssueDeps, IssueItem, License } from '@zhengyin/core';
import { BUSINESS_TYPE_CODE, SEAL_PIN, publishedTypeWithSeal } from '../apps/server/src/testing/licensing.js';
import { createTestPlatform } from '../apps/server/src/testing/platform.js';
import type { TestPlatform } from '../apps/server/src/testing/platform.js';

export const ECDSA_TYPE_CODE = '11100000000013338W002';
const META = { requestId: 'bench', clientIp: null };

export interface OursPlatform {
  readonly platform: TestPlatform;
  readonly deps: IssueDeps;
  readonly actor: Actor;
  readonly departmentId: string;
  /** The departments and regions of the platform (seedOrgs). */
  readonly orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
  readonly issuer: { readonly name: string; readonly uscc: string };
  readonly sealPng: Uint8Array;
  /** The platform's CA certificates (trust anchors for checking what was issued). */
  readonly anchors: Uint8Array[];
}

export async function oursPlatform(env: Record<string, string> = {}): Promise<OursPlatform> {
  const platform = await createTestPlatform({
    ...env,
    ZHENGYIN_PUBLIC_BASE_URL: 'https://zz.example.gov.cn',
    // The production default (the test platform renders on the calling thread).
    ZHENGYIN_RENDER_WORKERS:
      process.env.ZHENGYIN_RENDER_WORKERS ?? String(Math.min(4, Math.max(0, availableParallelism() - 1))),
  });
  const orgs = await platform.seedOrgs();
  const sm2 = await publishedTypeWithSeal(platform, orgs.deptA, orgs.provinceCode);
  await publishedTypeWithSeal(platform, orgs.deptA, orgs.provinceCode, {
    algorithm: 'ecdsa-p256',
    typeCode: ECDSA_TYPE_CODE,
    sealName: '电子证照专用章（ECDSA）',
  });
  const { ctx } = platform;
  const { department, seal, anchors } = await ctx.deps.uow.run(async (r) => ({
    department: await r.departments.get(orgs.deptA),
    seal: await r.seals.get(sm2.sealId),
    anchors: (await r.certificateAuthorities.list()).map((ca) => ca.certificate),
  }));
  if (!department || !seal?.image) throw new Error('platform setup failed: no department or seal image');
  return {
    platform,
    deps: { ...ctx.deps, licensing: ctx.licensing },
    actor: {
      kind: 'user',
      id: sm2.issuerId,
      username: 'bench-issuer',
      roles: [{ role: 'issuer', regionCode: null, departmentId: orgs.deptA }],
      departmentRegions: { [orgs.deptA]: department.regionCode },
    },
    departmentId: orgs.deptA,
    orgs,
    issuer: { name: department.name, uscc: department.uscc },
    sealPng: seal.image.png,
    anchors,
  };
}

export const typeCodeFor = (algorithm: 'sm2' | 'ecdsa') =>
  algorithm === 'sm2' ? BUSINESS_TYPE_CODE : ECDSA_TYPE_CODE;

/** Issues `items` in batches of `batch`, one batch after the other; throws on any failed item. */
export async function issueInBatches(
  ours: OursPlatform,
  algorithm: 'sm2' | 'ecdsa',
  items: readonly IssueItem[],
  batch: number,
  deps: IssueDeps = ours.deps,
): Promise<License[]> {
  const issued: License[] = [];
  for (let i = 0; i < items.length; i += batch) {
    const out = await issueLicenses(deps, {
      actor: ours.actor,
      meta: META,
      input: {
        typeCode: typeCodeFor(algorithm),
        departmentId: ours.departmentId,
        sealPin: SEAL_PIN,
        items: items.slice(i, i + batch),
      },
    });
    for (const r of out.results) {
      if (!r.ok) throw new Error(`item ${i + r.index} failed: ${JSON.stringify(r.error)}`);
      issued.push(r.license);
    }
  }
  return issued;
}

export async function licenseFile(ours: OursPlatform, license: License): Promise<Uint8Array> {
  const pdf = await ours.deps.uow.run((r) => r.blobs.get(license.fileSha256));
  if (!pdf) throw new Error(`no file for ${license.identifier}`);
  return pdf;
}
