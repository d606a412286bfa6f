import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import type {
  CoreDeps,
  IssueItem,
  IssueResult,
  License,
  LicenseEvent,
  LicenseFileFormat,
  LicenseFileKind,
} from '@zhengyin/core';
import {
  AppError,
  LICENSE_FILE_FORMATS,
  LICENSE_STATUS_NAMES,
  MAX_BATCH,
  SYSTEM_ACTOR,
  downloadLicenseFile,
  fileFormatOf,
  getLicense,
  includesOfd,
  includesPdf,
  issueLicenses,
  licenseHistory,
} from '@zhengyin/core';
import type { Io } from '../io.js';
import { CliExit } from '../io.js';
import { cliMeta, withPlatform } from '../platform.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A usage problem: message on stderr, exit 2. */
function usage(io: Io, message: string): never {
  io.err(`error: ${message}`);
  throw new CliExit(2);
}

/** The items of FILE.json: one object or an array of 1–1000 objects (fields are checked by issuance). */
export async function readIssueItems(file: string, io: Io): Promise<IssueItem[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return usage(io, `--data ${file}: ${(e as Error).message}`);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0 || items.length > MAX_BATCH)
    usage(io, `--data ${file}: 1–${MAX_BATCH} items, found ${items.length}`);
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      usage(io, `--data ${file}: item ${i} is not an object`);
  });
  return items as IssueItem[];
}

async function sealPin(io: Io, pinFile: string | undefined): Promise<string | undefined> {
  if (!pinFile) return io.env.ZHENGYIN_SEAL_PIN;
  return (await readFile(pinFile, 'utf8')).replace(/\r?\n$/, '');
}

/** --department: an id or the department's 统一社会信用代码; default: the only department allowed for the type. */
async function issuingDepartment(deps: CoreDeps, typeCode: string, given: string | undefined) {
  return deps.uow.run(async (r) => {
    if (given) {
      const department = UUID.test(given)
        ? await r.departments.get(given)
        : await r.departments.getByUscc(given.toUpperCase());
      if (!department)
        throw new AppError('ORGS_DEPARTMENT_NOT_FOUND', `department ${given} not found`, { id: given });
      return department.id;
    }
    const type = await r.licenseTypes.published(typeCode);
    if (!type) {
      if ((await r.licenseTypes.latestVersion(typeCode)) > 0)
        throw new AppError('LICENSE_TYPE_NOT_PUBLISHED', `licence type ${typeCode} is not published`, {
          typeCode,
        });
      throw new AppError('CATALOG_TYPE_NOT_FOUND', `licence type ${typeCode} not found`, { typeCode });
    }
    if (type.issuerDepartmentIds.length !== 1)
      throw new AppError('LICENSE_ISSUER_NOT_ALLOWED', 'several departments issue this type: name one', {
        typeCode,
        departmentIds: type.issuerDepartmentIds,
      });
    return type.issuerDepartmentIds[0] as string;
  });
}

/** --seal: an id or a seal code. */
async function sealId(deps: CoreDeps, given: string | undefined): Promise<string | undefined> {
  if (!given || UUID.test(given)) return given;
  const seal = await deps.uow.run((r) => r.seals.getByCode(given));
  if (!seal) throw new AppError('SEALS_NOT_FOUND', `seal ${given} not found`, { code: given });
  return seal.id;
}

/** The files a licence has, in the order they are written. */
const kindsOf = (l: License): LicenseFileKind[] => {
  const format = fileFormatOf(l);
  return [...(includesPdf(format) ? ['pdf' as const] : []), ...(includesOfd(format) ? ['ofd' as const] : [])];
};

/**
 * Writes every file of the licence: into `dir` as <identifier>.<ext>, or at `path` (one licence; a
 * second format goes beside it with its own extension).
 */
async function writeLicenseFiles(
  deps: CoreDeps,
  license: License,
  out: { dir: string } | { path: string },
): Promise<string[]> {
  const written: string[] = [];
  for (const [i, kind] of kindsOf(license).entries()) {
    const file =
      'dir' in out
        ? join(out.dir, `${license.identifier}.${kind}`)
        : i === 0
          ? out.path
          : `${out.path.slice(0, out.path.length - extname(out.path).length)}.${kind}`;
    await writeFile(file, (await downloadLicenseFile(deps, SYSTEM_ACTOR, license.id, kind)).bytes);
    written.push(file);
  }
  return written;
}

function describeResult(io: Io, r: IssueResult, files: readonly string[] | undefined) {
  if (r.ok) {
    const l = r.license;
    io.out(
      `[${r.index}] ok ${l.identifier} 证照编号 ${l.licenseNumber} 持证主体 ${l.holder.name}` +
        `${r.replayed ? ' (already issued)' : ''}${files?.length ? ` → ${files.join(', ')}` : ''}`,
    );
    return;
  }
  io.out(`[${r.index}] failed ${r.error.code}: ${r.error.message}`);
  const problems = (r.error.details?.problems ?? []) as { item: string; problem: string; message: string }[];
  for (const p of problems) io.out(`    ${p.item} ${p.problem}: ${p.message}`);
  if (!problems.length && r.error.details) io.out(`    ${JSON.stringify(r.error.details)}`);
}

function refusal(io: Io, e: AppError, asJson: boolean | undefined): never {
  const error = { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  if (asJson) io.out(json({ error }));
  else io.err(`${e.code}: ${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`);
  throw new CliExit(2);
}

interface IssueOptions {
  type: string;
  data: string;
  department?: string;
  seal?: string;
  pinFile?: string;
  key?: string;
  format?: LicenseFileFormat;
  out?: string;
  json?: boolean;
}

async function issueCommand(io: Io, o: IssueOptions) {
  const items = await readIssueItems(o.data, io);
  const pin = await sealPin(io, o.pinFile);
  const code = await withPlatform(io, async (deps, _config, _database, ctx) => {
    let outcome;
    try {
      const departmentId = await issuingDepartment(deps, o.type, o.department);
      const seal = await sealId(deps, o.seal);
      outcome = await issueLicenses(
        { ...deps, licensing: ctx.licensing },
        {
          actor: SYSTEM_ACTOR,
          meta: cliMeta(),
          input: {
            typeCode: o.type,
            departmentId,
            items,
            ...(seal ? { sealId: seal } : {}),
            ...(pin !== undefined ? { sealPin: pin } : {}),
            ...(o.key ? { idempotencyKey: o.key } : {}),
            ...(o.format ? { fileFormat: o.format } : {}),
          },
        },
      );
    } catch (e) {
      if (e instanceof AppError) refusal(io, e, o.json);
      throw e;
    }
    const files = new Map<number, string[]>();
    if (o.out) {
      if (items.length > 1) await mkdir(o.out, { recursive: true });
      for (const r of outcome.results) {
        if (!r.ok) continue;
        const out = items.length > 1 ? { dir: o.out } : { path: o.out };
        files.set(r.index, await writeLicenseFiles(deps, r.license, out));
      }
    }
    if (o.json)
      io.out(
        json({
          issued: outcome.issued,
          failed: outcome.failed,
          results: outcome.results.map((r) => ({
            ...r,
            ...(files.has(r.index) ? { file: files.get(r.index)?.[0], files: files.get(r.index) } : {}),
          })),
        }),
      );
    else {
      for (const r of outcome.results) describeResult(io, r, files.get(r.index));
      io.out(`issued ${outcome.issued}, failed ${outcome.failed}`);
    }
    return outcome.failed === 0 ? 0 : 1;
  });
  if (code !== 0) throw new CliExit(code);
}

function describeLicense(io: Io, l: License, versions: License[], events: LicenseEvent[]) {
  const validity = l.longTerm
    ? `${l.validFrom ?? l.issueDate} 至 长期`
    : l.validTo
      ? `${l.validFrom} 至 ${l.validTo}`
      : '-';
  io.out(`${l.typeName} ${l.identifier} (version ${l.version}, id ${l.id})`);
  io.out(`  证照编号 ${l.licenseNumber}`);
  io.out(`  持证主体 ${l.holder.name} ${l.holder.code} (${l.holder.codeType})`);
  io.out(`  发证机关 ${l.issuerName} ${l.issuerCode}, 发证日期 ${l.issueDate}, 有效期 ${validity}`);
  io.out(`  状态 ${LICENSE_STATUS_NAMES[l.status]} (${l.status})`);
  io.out(`  seal ${l.sealId} (${l.algorithm})`);
  if (l.fileSha256) io.out(`  PDF sha256 ${l.fileSha256}, ${l.fileSize} bytes`);
  if (l.ofdSha256) io.out(`  OFD sha256 ${l.ofdSha256}, signature value sha256 ${l.ofdSignedValueSha256}`);
  io.out('versions:');
  for (const v of versions) io.out(`  ${v.version} ${v.identifier} ${v.status} ${v.createdAt.toISOString()}`);
  io.out('events:');
  for (const e of events)
    io.out(
      `  ${e.at.toISOString()} ${e.action} ${e.fromStatus ?? '-'} → ${e.toStatus}${e.reason ? ` (${e.reason})` : ''}`,
    );
}

interface ShowOptions {
  json?: boolean;
  out?: string;
  format?: LicenseFileKind;
}

async function showCommand(io: Io, idOrIdentifier: string, o: ShowOptions) {
  await withPlatform(io, async (deps) => {
    if (!idOrIdentifier.startsWith('1.2.156.') && !UUID.test(idOrIdentifier))
      throw new AppError('LICENSE_NOT_FOUND', `licence ${idOrIdentifier} not found`);
    const license = await getLicense(deps, SYSTEM_ACTOR, idOrIdentifier);
    const { versions, events } = await licenseHistory(deps, SYSTEM_ACTOR, license.id);
    if (o.out)
      await writeFile(o.out, (await downloadLicenseFile(deps, SYSTEM_ACTOR, license.id, o.format)).bytes);
    if (o.json) io.out(json({ license, versions, events, ...(o.out ? { file: o.out } : {}) }));
    else {
      describeLicense(io, license, versions, events);
      if (o.out) io.out(`file written to ${o.out}`);
    }
  });
}

/**
 * `zhengyin license issue|show`: operator commands on the database host. They act as the system
 * actor (which may issue for any department), so whoever can run them already holds the database.
 * Returns the `license` command so other subcommands can join it.
 */
export function registerLicenseCommands(program: Command, io: Io): Command {
  const license = program
    .command('license')
    .description('electronic licences (operator tool on the database host; acts as the system actor)');
  license
    .command('issue')
    .description('制证签发: issue one licence or a batch (exit 0 all issued, 1 some failed, 2 refused)')
    .requiredOption('--type <code>', 'licence type code (21 characters)')
    .requiredOption(
      '--data <file>',
      'JSON: one item { holder: { name, code, codeType? }, data, licenseNumber?, issueDate?, validFrom?, validTo? } or an array of up to 1000',
    )
    .option(
      '--department <id>',
      'issuing department id or 统一社会信用代码 (default: the only one allowed for the type)',
    )
    .option('--seal <id>', 'issuing seal id or code (default: the type’s bound seal)')
    .option('--pin-file <file>', 'file holding the seal PIN (default: env ZHENGYIN_SEAL_PIN)')
    .option('--key <key>', 'idempotency key: a retry with the same key and data issues nothing twice')
    .addOption(
      new Option('--format <format>', 'signed files to issue (default: the licence type’s setting)').choices(
        LICENSE_FILE_FORMATS,
      ),
    )
    .option(
      '--out <path>',
      'write the signed file at this path (one item; an OFD beside a PDF takes the .ofd extension), ' +
        'or <identifier>.pdf / .ofd files into this directory (several)',
    )
    .option('--json', 'print the results as JSON')
    .action((o: IssueOptions) => issueCommand(io, o));
  license
    .command('show')
    .description('a licence version, all its versions and lifecycle events; optionally its signed file')
    .argument('<id>', 'licence id or GB/T 36904 identifier')
    .option('--json', 'print as JSON')
    .option('--out <file>', 'write the signed file (see --format)')
    .addOption(
      new Option('--format <format>', 'which signed file --out writes')
        .choices(['pdf', 'ofd'])
        .default('pdf'),
    )
    .action((id: string, o: ShowOptions) => showCommand(io, id, o));
  return license;
}
