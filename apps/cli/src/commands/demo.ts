import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Actor, CoreDeps, Role, Seal, SealAlgorithm } from '@zhengyin/core';
import {
  SYSTEM_ACTOR,
  applySeal,
  createDepartment,
  createRegion,
  createUser,
  ensureDevelopmentCa,
  fileSeal,
  makeSeal,
  requestSealUse,
  reviewSeal,
  reviewSealUse,
  sealDocument,
} from '@zhengyin/core';
import type { DocumentFormat, SealPlacement } from '@zhengyin/documents';
import { encodePem } from '@zhengyin/gm';
import type { ServerContext } from '@zhengyin/server';
import type { Io } from '../io.js';
import { cliMeta, withPlatform } from '../platform.js';
import { demoUscc } from './demo-codes.js';
import { SEAL_KEYWORD, demoContract } from './demo-documents.js';
import { coveredRareCharacter, seedDemoLicenses } from './demo-licenses.js';
import { seedDemoAnnotated } from './demo-annotated.js';
import { seedDemoHolders } from './demo-holders.js';
import { sealedOnce, seedDemoOfdContracts, writeDemoOfdIndex } from './demo-ofd.js';

/** PIN of every demo seal (demo data only): `license issue` on demo types needs it. */
export const DEMO_PIN = '20261122';

export { demoUscc } from './demo-codes.js';

const REGIONS: readonly { code: string; name: string; parentCode: string | null }[] = [
  { code: '330000', name: '浙江省', parentCode: null },
  { code: '330100', name: '杭州市', parentCode: '330000' },
  { code: '330105', name: '拱墅区', parentCode: '330100' },
];

const DEMO = {
  department: { name: '杭州市拱墅区市场监督管理局（演示）', uscc: demoUscc('11', '330105', '59999999') },
};

async function ensureRegionTree(deps: CoreDeps) {
  const call = <I>(input: I) => ({ actor: SYSTEM_ACTOR, meta: cliMeta(), input });
  for (const r of REGIONS) {
    if (await deps.uow.run((repos) => repos.regions.get(r.code))) continue;
    await createRegion(deps, call(r));
  }
  const existing = await deps.uow.run((repos) => repos.departments.getByUscc(DEMO.department.uscc));
  return existing ?? (await createDepartment(deps, call({ ...DEMO.department, regionCode: '330105' })));
}

/**
 * Creates (or reuses) a demo account and returns it as an acting user. The role is granted in the
 * department, or in the region with `scope: 'region'`.
 */
async function demoUser(
  deps: CoreDeps,
  username: string,
  displayName: string,
  role: Role,
  departmentId: string,
  regionCode: string,
  scope: 'department' | 'region' = 'department',
): Promise<Actor> {
  const existing = await deps.uow.run((r) => r.users.getByUsername(username));
  const grant = scope === 'region' ? { role, regionCode } : { role, departmentId };
  const user =
    existing ??
    (
      await createUser(deps, {
        actor: SYSTEM_ACTOR,
        meta: cliMeta(),
        input: { username, displayName, roles: [grant] },
      })
    ).user;
  return {
    kind: 'user',
    id: user.id,
    username,
    roles: user.roles,
    departmentRegions: { [departmentId]: regionCode },
  };
}

/**
 * `zhengyin demo seed --out DIR`: a demo region and department, seal and catalogue staff, an SM2
 * official seal, two ECDSA business seals, an SM2 电子证照专用章 and an SM2 contract seal taken through
 * the whole lifecycle (reused when a previous run made them), sealed demo PDFs, three published
 * licence types and their sample licences (the SM2 ones as PDF and OFD), 加注件, demo holders and
 * sealed OFD contracts (DIR/ofd).
 */
export async function seedDemo(ctx: ServerContext, out: string, io: Io) {
  const deps = ctx.deps;
  const sealDeps = { ...deps, ...ctx.seals };
  const rare = coveredRareCharacter(ctx.licensing.renderer);
  await ensureDevelopmentCa(deps);
  const cas = (await deps.uow.run((r) => r.certificateAuthorities.list())).filter((ca) => ca.active);
  const department = await ensureRegionTree(deps);
  const region = department.regionCode;
  const admin = await demoUser(deps, 'demo.sealadmin', '演示印章管理员', 'seal_admin', department.id, region);
  const keeper = await demoUser(deps, 'demo.keeper', '演示印章保管人', 'seal_keeper', department.id, region);
  const approver = await demoUser(deps, 'demo.approver', '演示审批人', 'approver', department.id, region);
  const clerk = await demoUser(deps, 'demo.issuer', '演示业务人员', 'issuer', department.id, region);
  const catalogAdmin = await demoUser(
    deps,
    'demo.catalog',
    '演示目录管理员',
    'catalog_admin',
    department.id,
    region,
    'region',
  );
  const as = <I>(actor: Actor, input: I) => ({ actor, meta: cliMeta(), input });

  /** The department's active seal of that name, or a new one taken through the whole lifecycle. */
  async function activeSeal(
    name: string,
    algorithm: SealAlgorithm,
    type: 'official' | 'business',
    purpose: 'contract' | 'finance' | 'other' | null,
    bottomText?: string,
  ): Promise<Seal> {
    const { items } = await deps.uow.run((r) =>
      r.seals.list({ q: name, status: 'active', departmentId: department.id, page: 1, pageSize: 50 }),
    );
    const existing = items.find((s) => s.name === name && s.algorithm === algorithm);
    if (existing) return existing;
    const applied = await applySeal(
      sealDeps,
      as(admin, {
        departmentId: department.id,
        type,
        purpose,
        name,
        owner: { kind: 'department' as const },
        keeperId: keeper.kind === 'user' ? keeper.id : '',
        reason: '演示：新刻电子印章',
        algorithm,
        image: { kind: 'generate' as const, ...(bottomText ? { bottomText } : {}) },
      }),
    );
    await reviewSeal(deps, as(approver, { id: applied.id, decision: 'approve' as const, comment: '同意' }));
    await makeSeal(deps, as(keeper, { id: applied.id, pin: DEMO_PIN }));
    return fileSeal(
      deps,
      as(admin, { id: applied.id, filingNumber: `DEMO-${applied.code}`, authority: '杭州市公安局（演示）' }),
    );
  }

  /** 用印: a use request for this document (by its digest), its approval, the keeper seals with the PIN. */
  async function sealWith(
    seal: Seal,
    document: Uint8Array,
    placement: SealPlacement,
    reason: string,
    format: DocumentFormat = 'pdf',
  ) {
    const documentSha256 = Buffer.from(sealDeps.sha256(document)).toString('hex');
    const request = await requestSealUse(
      deps,
      as(clerk, { sealId: seal.id, reason, documentName: `${reason}.${format}`, documentSha256, uses: 1 }),
    );
    await reviewSealUse(deps, as(approver, { id: request.id, decision: 'approve' as const }));
    const sealed = await sealDocument(
      sealDeps,
      as(keeper, { useRequestId: request.id, pin: DEMO_PIN, document, format, placement }),
    );
    return sealed.document;
  }

  /** Whether the seal's usage register records a sealing whose result has this SHA-256. */
  async function registered(seal: Seal, sha256: string): Promise<boolean> {
    for (let page = 1; ; page++) {
      const { items } = await deps.uow.run((r) => r.sealUses.usages(seal.id, { page, pageSize: 100 }));
      if (items.some((u) => u.sealedSha256 === sha256)) return true;
      if (items.length < 100) return false;
    }
  }

  const official = await activeSeal(DEMO.department.name, 'sm2', 'official', null);
  const contract = await activeSeal(
    `${DEMO.department.name}合同专用章`,
    'ecdsa-p256',
    'business',
    'contract',
  );
  const finance = await activeSeal(`${DEMO.department.name}财务专用章`, 'ecdsa-p256', 'business', 'finance');
  const licenceSeal = await activeSeal(
    `${DEMO.department.name}电子证照专用章`,
    'sm2',
    'business',
    'other',
    '电子证照专用章',
  );
  // OFD documents carry GB/T 38540 signatures, which only SM2 seals make: the OFD contracts use this one.
  const contractSm2 = await activeSeal(
    `${DEMO.department.name}合同专用章（国密）`,
    'sm2',
    'business',
    'contract',
    '合同专用章',
  );
  const seals = [official, contract, finance, licenceSeal, contractSm2];

  await mkdir(join(out, 'seals'), { recursive: true });
  await mkdir(join(out, 'sealed'), { recursive: true });
  await writeFile(join(out, 'ca.pem'), cas.map((ca) => encodePem('CERTIFICATE', ca.certificate)).join(''));
  for (const seal of seals) {
    await writeFile(join(out, 'seals', `${seal.code}.esl`), seal.sesSeal!);
  }
  const keyword: SealPlacement = { kind: 'keyword', keyword: SEAL_KEYWORD };
  /** DIR/sealed/<name>: kept when the register of `last` (the seal applied last) records its digest. */
  const sealedPdf = (name: string, last: Seal, make: () => Promise<Uint8Array>) =>
    sealedOnce(join(out, 'sealed', name), (sha256) => registered(last, sha256), sealDeps.sha256, make);
  const files = [
    await sealedPdf('contract-sm2.pdf', official, async () =>
      sealWith(official, await demoContract('电子证照系统建设服务合同（演示）'), keyword, '签订服务合同'),
    ),
    await sealedPdf('contract-ecdsa.pdf', contract, async () =>
      sealWith(contract, await demoContract('电子证照系统建设服务合同（演示）'), keyword, '签订服务合同'),
    ),
    await sealedPdf('multi-seal.pdf', finance, async () => {
      const first = await sealWith(
        contract,
        await demoContract('采购合同（演示，两枚印章）'),
        keyword,
        '采购合同用印',
      );
      return sealWith(finance, first, { kind: 'last-page' }, '采购合同财务用印');
    }),
    await sealedPdf('riding-seal.pdf', contract, async () =>
      sealWith(
        contract,
        await demoContract('多页合同（演示，骑缝章）', 4),
        { kind: 'riding' },
        '多页合同骑缝用印',
      ),
    ),
  ].map((f) => f.name);
  const licenses = await seedDemoLicenses(ctx, out, {
    departmentId: department.id,
    staff: { clerk, catalogAdmin },
    seals: { sm2: licenceSeal, ecdsa: contract },
    pin: DEMO_PIN,
    rare,
  });
  // 加注件 of an SM2 and an ECDSA demo licence (DIR/annotated).
  const annotated = await seedDemoAnnotated(ctx, out, clerk, licenses);
  // Demo holders: one development-IdP login per licence holder (DIR/holders.json).
  const holders = await seedDemoHolders(ctx, out, licenses);
  // OFD: the SM2 licences' OFD files, two sealed contracts and the OFD 加注件 (DIR/ofd/index.json).
  const contracts = await seedDemoOfdContracts(out, {
    official,
    contract: contractSm2,
    seal: (seal, ofd, placement, reason) => sealWith(seal, ofd, placement, reason, 'ofd'),
    sha256: sealDeps.sha256,
    registered,
  });
  const ofdFiles = await writeDemoOfdIndex(out, licenses, contracts);

  const summary = {
    trustAnchor: 'ca.pem',
    department: { id: department.id, name: department.name, uscc: department.uscc },
    users: ['demo.sealadmin', 'demo.keeper', 'demo.approver', 'demo.issuer', 'demo.catalog'],
    seals: seals.map((s) => ({
      code: s.code,
      name: s.name,
      algorithm: s.algorithm,
      file: `seals/${s.code}.esl`,
    })),
    sealed: files.map((f) => `sealed/${f}`),
    licenseTypes: [...new Map(licenses.map((l) => [l.typeCode, l.type]))].map(([typeCode, name]) => ({
      typeCode,
      name,
    })),
    licenses: 'licenses/index.json',
    annotated: annotated.map((a) => a.file),
    ofd: 'ofd/index.json',
    holders: 'holders.json',
    sealPin: DEMO_PIN,
  };
  await writeFile(join(out, 'index.json'), `${JSON.stringify(summary, null, 2)}\n`);
  io.out(
    `demo data written to ${out}: ${summary.seals.length} seals, ${summary.sealed.length} sealed PDFs, ` +
      `${licenses.length} licences, ${ofdFiles.length} OFD files (ofd/index.json), ` +
      `${holders.length} demo holders (holders.json)`,
  );
  return summary;
}

export function registerDemoCommands(program: Command, io: Io) {
  program
    .command('demo')
    .description('demonstration data')
    .command('seed')
    .description(
      'create demo departments, staff, seals, sealed PDFs and OFD files, licence types and licences; write them to --out',
    )
    .requiredOption('--out <dir>', 'output directory')
    .action(async (o: { out: string }) => {
      await withPlatform(io, (_deps, _config, _database, ctx) => seedDemo(ctx, o.out, io));
    });
}
