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
import type { SealPlacement } from '@zhengyin/documents';
import { encodePem, orgCodeCheckCharacter, usccCheckCharacter } from '@zhengyin/gm';
import type { ServerContext } from '@zhengyin/server';
import type { Io } from '../io.js';
import { cliMeta, withPlatform } from '../platform.js';
import { SEAL_KEYWORD, demoContract } from './demo-documents.js';

const DEMO_PIN = '20261122';

/** A valid 统一社会信用代码 built from registration type, area and an organisation-code body. */
export function demoUscc(prefix: string, area: string, orgBody: string): string {
  const org = `${orgBody}${orgCodeCheckCharacter(orgBody)}`;
  const first17 = `${prefix}${area}${org}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

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

/** Creates (or reuses) a demo account and returns it as an acting user. */
async function demoUser(
  deps: CoreDeps,
  username: string,
  displayName: string,
  role: Role,
  departmentId: string,
  regionCode: string,
): Promise<Actor> {
  const existing = await deps.uow.run((r) => r.users.getByUsername(username));
  const user =
    existing ??
    (
      await createUser(deps, {
        actor: SYSTEM_ACTOR,
        meta: cliMeta(),
        input: { username, displayName, roles: [{ role, departmentId }] },
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
 * `zhengyin demo seed --out DIR`: a demo region and department, seal staff, an SM2 official seal and
 * two ECDSA business seals taken through the whole lifecycle, and sealed demo PDFs.
 */
export async function seedDemo(ctx: ServerContext, out: string, io: Io) {
  const deps = ctx.deps;
  const sealDeps = { ...deps, ...ctx.seals };
  await ensureDevelopmentCa(deps);
  const cas = (await deps.uow.run((r) => r.certificateAuthorities.list())).filter((ca) => ca.active);
  const department = await ensureRegionTree(deps);
  const region = department.regionCode;
  const admin = await demoUser(deps, 'demo.sealadmin', '演示印章管理员', 'seal_admin', department.id, region);
  const keeper = await demoUser(deps, 'demo.keeper', '演示印章保管人', 'seal_keeper', department.id, region);
  const approver = await demoUser(deps, 'demo.approver', '演示审批人', 'approver', department.id, region);
  const clerk = await demoUser(deps, 'demo.issuer', '演示业务人员', 'issuer', department.id, region);
  const as = <I>(actor: Actor, input: I) => ({ actor, meta: cliMeta(), input });

  async function activeSeal(
    name: string,
    algorithm: SealAlgorithm,
    type: 'official' | 'business',
    purpose: 'contract' | 'finance' | null,
  ): Promise<Seal> {
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
        image: { kind: 'generate' as const },
      }),
    );
    await reviewSeal(deps, as(approver, { id: applied.id, decision: 'approve' as const, comment: '同意' }));
    await makeSeal(deps, as(keeper, { id: applied.id, pin: DEMO_PIN }));
    return fileSeal(
      deps,
      as(admin, { id: applied.id, filingNumber: `DEMO-${applied.code}`, authority: '杭州市公安局（演示）' }),
    );
  }

  async function sealWith(seal: Seal, pdf: Uint8Array, placement: SealPlacement, reason: string) {
    const request = await requestSealUse(
      deps,
      as(clerk, { sealId: seal.id, reason, documentName: `${reason}.pdf`, uses: 1 }),
    );
    await reviewSealUse(deps, as(approver, { id: request.id, decision: 'approve' as const }));
    const { pdf: sealed } = await sealDocument(
      sealDeps,
      as(keeper, { useRequestId: request.id, pin: DEMO_PIN, pdf, placement }),
    );
    return sealed;
  }

  const official = await activeSeal(DEMO.department.name, 'sm2', 'official', null);
  const contract = await activeSeal(
    `${DEMO.department.name}合同专用章`,
    'ecdsa-p256',
    'business',
    'contract',
  );
  const finance = await activeSeal(`${DEMO.department.name}财务专用章`, 'ecdsa-p256', 'business', 'finance');

  await mkdir(join(out, 'seals'), { recursive: true });
  await mkdir(join(out, 'sealed'), { recursive: true });
  await writeFile(join(out, 'ca.pem'), cas.map((ca) => encodePem('CERTIFICATE', ca.certificate)).join(''));
  for (const seal of [official, contract, finance]) {
    await writeFile(join(out, 'seals', `${seal.code}.esl`), seal.sesSeal!);
  }
  const keyword: SealPlacement = { kind: 'keyword', keyword: SEAL_KEYWORD };
  const files: Record<string, Uint8Array> = {
    'contract-sm2.pdf': await sealWith(
      official,
      await demoContract('电子证照系统建设服务合同（演示）'),
      keyword,
      '签订服务合同',
    ),
    'contract-ecdsa.pdf': await sealWith(
      contract,
      await demoContract('电子证照系统建设服务合同（演示）'),
      keyword,
      '签订服务合同',
    ),
  };
  const first = await sealWith(
    contract,
    await demoContract('采购合同（演示，两枚印章）'),
    keyword,
    '采购合同用印',
  );
  files['multi-seal.pdf'] = await sealWith(finance, first, { kind: 'last-page' }, '采购合同财务用印');
  files['riding-seal.pdf'] = await sealWith(
    contract,
    await demoContract('多页合同（演示，骑缝章）', 4),
    { kind: 'riding' },
    '多页合同骑缝用印',
  );
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(out, 'sealed', name), bytes);

  const summary = {
    trustAnchor: 'ca.pem',
    department: { id: department.id, name: department.name, uscc: department.uscc },
    users: ['demo.sealadmin', 'demo.keeper', 'demo.approver', 'demo.issuer'],
    seals: [official, contract, finance].map((s) => ({
      code: s.code,
      name: s.name,
      algorithm: s.algorithm,
      file: `seals/${s.code}.esl`,
    })),
    sealed: Object.keys(files).map((f) => `sealed/${f}`),
  };
  await writeFile(join(out, 'index.json'), `${JSON.stringify(summary, null, 2)}\n`);
  io.out(`demo data written to ${out}: ${summary.seals.length} seals, ${summary.sealed.length} sealed PDFs`);
  return summary;
}

export function registerDemoCommands(program: Command, io: Io) {
  program
    .command('demo')
    .description('demonstration data')
    .command('seed')
    .description('create demo departments, seal staff, seals and sealed PDFs; write them to --out')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (o: { out: string }) => {
      await withPlatform(io, (_deps, _config, _database, ctx) => seedDemo(ctx, o.out, io));
    });
}
