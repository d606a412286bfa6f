import { auditEntry } from '../audit/entry.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { Page, PageRequest } from '../shared/page.js';
import { canonicalJson } from './canonical-json.js';
import { authorizeIssuer } from './change-license.js';
import type { ImportRowState, LicenseImport, RejectedImportRow } from './import-ports.js';
import { chinaDate, issueLicenses, type IssueDeps } from './issue-licenses.js';
import { issuingContext } from './issuing-context.js';
import { prepareItem } from './prepare.js';
import { includesOfd } from './license-files.js';
import { checkOfdSeal } from './sign-license-ofd.js';
import type { LicenseFileFormat } from '../catalog/types.js';

/** Rows issued per call of the issuance engine (and per progress update). */
const CHUNK = 100;
/** A running job without a heartbeat for this long was interrupted (crash, restart). */
export const IMPORT_STALE_MS = 60_000;

const importTarget = (j: LicenseImport) => ({ type: 'license_import', id: j.id, regionCode: j.regionCode });

async function loadImport(deps: Pick<IssueDeps, 'uow'>, id: string): Promise<LicenseImport> {
  const job = await deps.uow.run((r) => r.licenseImports.get(id));
  if (!job) throw new AppError('LICENSE_IMPORT_NOT_FOUND', `import ${id} not found`, { id });
  return job;
}

/**
 * 存量证照导入, step 1: read the uploaded CSV / XLSX with the field mapping and validate every row
 * (mapping and cell problems, schema, codes, dates, duplicates in the file and against the registry,
 * already expired). Valid rows are kept for issuance; rejected ones with their reasons for the
 * report. Uploading the same file with the same mapping again returns the same job.
 */
export async function createLicenseImport(
  deps: IssueDeps,
  {
    actor,
    meta,
    input,
  }: Call<{
    departmentId: string;
    typeCode: string;
    fileName: string;
    file: Uint8Array;
    mapping: Record<string, string>;
  }>,
): Promise<LicenseImport> {
  const now = deps.clock.now();
  const fileSha256 = bytesToHex(deps.licensing.sha256(input.file));
  const dedupeKey = bytesToHex(
    deps.licensing.sha256(
      new TextEncoder().encode(
        canonicalJson([input.departmentId, input.typeCode, fileSha256, input.mapping]),
      ),
    ),
  );
  const { type, department, existing } = await deps.uow.run(async (r) => ({
    ...(await issuingContext(r, actor, input, now)),
    existing: await r.licenseImports.byDedupeKey(dedupeKey),
  }));
  if (existing) return existing;

  const parsed = await deps.licensing.imports.parse(input.file, input.mapping, type.dataItems);
  const reasons = new Map<number, string[]>();
  const reject = (line: number, reason: string) => reasons.set(line, [...(reasons.get(line) ?? []), reason]);
  for (const p of parsed.problems) reject(p.line, `${p.column ?? p.item ?? ''}: ${p.message}`);

  const today = chinaDate(now);
  const seen = new Map<string, number>();
  const candidates: { line: number; item: ImportRowState['item']; number: string | null }[] = [];
  for (const row of parsed.rows) {
    const prepared = prepareItem(type, row.item, today);
    if (!prepared.ok) {
      for (const p of prepared.problems) reject(row.line, `${p.item}: ${p.message}`);
      continue;
    }
    const missing = deps.licensing.renderer.missingGlyphs([
      prepared.item.holder.name,
      ...Object.values(prepared.item.data).filter((v): v is string => typeof v === 'string'),
    ]);
    if (missing.length) {
      reject(row.line, `字库不支持的字符 / no font covers: ${missing.join(' ')}`);
      continue;
    }
    const key =
      prepared.item.licenseNumber ?? `${prepared.item.holder.codeType}:${prepared.item.holder.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      reject(row.line, `与第 ${first} 行重复 / duplicate of line ${first}`);
      continue;
    }
    seen.set(key, row.line);
    candidates.push({ line: row.line, item: row.item, number: prepared.item.licenseNumber });
  }
  const taken = await deps.uow.run((r) =>
    r.licenses.numbersTaken(
      type.typeCode,
      department.uscc,
      candidates.flatMap((c) => (c.number ? [c.number] : [])),
    ),
  );
  const rows = candidates.filter((c) => {
    if (!c.number || !taken.has(c.number)) return true;
    reject(c.line, `证照编号 ${c.number} 已存在 / licence number already issued`);
    return false;
  });
  const rejected: RejectedImportRow[] = [...reasons.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, rs]) => ({ line, cells: parsed.cells(line), reasons: rs }));
  const job: LicenseImport = {
    id: deps.ids.uuid(),
    departmentId: department.id,
    regionCode: department.regionCode,
    typeCode: type.typeCode,
    fileName: input.fileName,
    fileSha256,
    mapping: input.mapping,
    status: 'validated',
    headers: parsed.headers,
    total: rows.length + rejected.length,
    valid: rows.length,
    rejected,
    issued: 0,
    failed: 0,
    createdBy: actor.kind === 'user' ? actor.id : null,
    createdAt: now,
    startedAt: null,
    heartbeatAt: null,
    finishedAt: null,
    fileFormat: null,
  };
  await deps.uow.run(async (r) => {
    await r.blobs.put(fileSha256, input.file);
    await r.licenseImports.insert(job, dedupeKey, rows);
    await r.audit.append(
      auditEntry(actor, meta, now, 'licenses.import.created', importTarget(job), {
        fileName: job.fileName,
        fileSha256,
        typeCode: job.typeCode,
        total: job.total,
        valid: job.valid,
        rejected: rejected.length,
      }),
    );
  });
  return job;
}

export interface ImportProgress {
  readonly job: LicenseImport;
  readonly done: number;
  /** Licences per second since the job started. */
  readonly rate: number | null;
  readonly etaSeconds: number | null;
  /** Running, but no worker has shown a sign of life for a minute: resume it. */
  readonly interrupted: boolean;
}

export function importProgress(job: LicenseImport, now: Date): ImportProgress {
  const done = job.issued + job.failed;
  const seconds = job.startedAt ? (now.getTime() - job.startedAt.getTime()) / 1000 : 0;
  const rate = job.startedAt && seconds > 0 ? done / seconds : null;
  const left = job.valid - done;
  return {
    job,
    done,
    rate,
    etaSeconds: rate && rate > 0 ? Math.ceil(left / rate) : null,
    interrupted:
      job.status === 'running' &&
      (!job.heartbeatAt || now.getTime() - job.heartbeatAt.getTime() > IMPORT_STALE_MS),
  };
}

export async function getLicenseImport(deps: Pick<IssueDeps, 'uow' | 'clock'>, actor: Actor, id: string) {
  const job = await loadImport(deps, id);
  authorizeIssuer(actor, job);
  return importProgress(job, deps.clock.now());
}

export async function licenseImportFailures(
  deps: Pick<IssueDeps, 'uow'>,
  actor: Actor,
  id: string,
  page: PageRequest,
): Promise<Page<ImportRowState>> {
  const job = await loadImport(deps, id);
  authorizeIssuer(actor, job);
  return deps.uow.run((r) => r.licenseImports.failedRows(id, page));
}

/** The rejection report: every rejected row with its original cells and reasons (formula-safe). */
export async function licenseImportReport(
  deps: IssueDeps,
  actor: Actor,
  id: string,
  format: 'csv' | 'xlsx',
): Promise<Uint8Array> {
  const job = await loadImport(deps, id);
  authorizeIssuer(actor, job);
  return deps.licensing.imports.report(job.rejected, job.headers, format);
}

/** What a run of an import is given: the seal, its PIN (never stored) and the file format. */
export interface ImportRunInput {
  readonly id: string;
  readonly sealPin?: string;
  readonly sealId?: string;
  /** Overrides the licence type's file format; the first run's choice holds for the whole job. */
  readonly fileFormat?: LicenseFileFormat;
}

/**
 * Claims the job for this worker: refused while another worker is alive on it, and before anything
 * runs when the seal cannot make the files asked for (an OFD needs an SM2 seal with an SESeal).
 */
export async function claimLicenseImport(
  deps: IssueDeps,
  by: Call<Partial<ImportRunInput> | unknown>,
  id: string,
  options: { staleMs?: number } = {},
): Promise<LicenseImport> {
  const run = (by.input ?? {}) as Partial<ImportRunInput>;
  return deps.uow.run(async (r) => {
    const job = await r.licenseImports.getForUpdate(id);
    if (!job) throw new AppError('LICENSE_IMPORT_NOT_FOUND', `import ${id} not found`, { id });
    authorizeIssuer(by.actor, job);
    const now = deps.clock.now();
    if (job.status === 'finished') return job;
    const ctx = await issuingContext(
      r,
      by.actor,
      { typeCode: job.typeCode, departmentId: job.departmentId, sealId: run.sealId },
      now,
    );
    // The first run fixes the format, so a resumed run issues the remaining rows like the others.
    if (job.fileFormat && run.fileFormat && run.fileFormat !== job.fileFormat)
      throw new AppError(
        'LICENSE_IMPORT_FORMAT_CONFLICT',
        `the import issues ${job.fileFormat}; it cannot continue as ${run.fileFormat}`,
        { id, fileFormat: job.fileFormat, requested: run.fileFormat },
      );
    const fileFormat = job.fileFormat ?? run.fileFormat ?? null;
    if (includesOfd(fileFormat ?? ctx.type.fileFormat)) checkOfdSeal(ctx.seal);
    const stale =
      !job.heartbeatAt || now.getTime() - job.heartbeatAt.getTime() > (options.staleMs ?? IMPORT_STALE_MS);
    if (job.status === 'running' && !stale)
      throw new AppError('LICENSE_IMPORT_RUNNING', 'the import is already running', { id });
    const next: LicenseImport = {
      ...job,
      status: 'running',
      startedAt: job.startedAt ?? now,
      heartbeatAt: now,
      fileFormat,
    };
    await r.licenseImports.update(next);
    if (job.status === 'validated')
      await r.audit.append(
        auditEntry(by.actor, by.meta, now, 'licenses.import.confirmed', importTarget(job), {
          valid: job.valid,
        }),
      );
    return next;
  });
}

/**
 * 存量证照导入, step 2 (confirmed): issues the valid rows in chunks through the issuance engine with
 * one reference per row (`import:<job>:<line>`), so a run that resumes after a crash or restart
 * finds the licences already issued instead of issuing them again. Progress is stored after every
 * chunk. The seal PIN is held only in memory: an interrupted job is resumed by calling this again.
 */
export async function runLicenseImport(
  deps: IssueDeps,
  call: Call<ImportRunInput>,
  onProgress?: (p: ImportProgress) => void,
  options: { staleMs?: number } = {},
): Promise<ImportProgress> {
  return continueLicenseImport(
    deps,
    call,
    await claimLicenseImport(deps, call, call.input.id, options),
    onProgress,
  );
}

/** The issuing part of `runLicenseImport`, for a job claimed with `claimLicenseImport` (background runs). */
export async function continueLicenseImport(
  deps: IssueDeps,
  call: Call<ImportRunInput>,
  job: LicenseImport,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportProgress> {
  try {
    return await issueRows(deps, call, job, onProgress);
  } catch (error) {
    // Release the job at once (a wrong PIN, say) so it can be resumed without waiting a minute.
    await deps.uow.run(async (r) => {
      const current = await r.licenseImports.getForUpdate(job.id);
      if (current?.status === 'running') await r.licenseImports.update({ ...current, heartbeatAt: null });
    });
    throw error;
  }
}

async function issueRows(
  deps: IssueDeps,
  call: Call<ImportRunInput>,
  start: LicenseImport,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportProgress> {
  let job = start;
  for (;;) {
    if (job.status === 'finished') return importProgress(job, deps.clock.now());
    const pending = await deps.uow.run((r) => r.licenseImports.pendingRows(job.id, CHUNK));
    if (pending.length > 0) {
      const out = await issueLicenses(deps, {
        actor: call.actor,
        meta: call.meta,
        input: {
          typeCode: job.typeCode,
          departmentId: job.departmentId,
          ...(call.input.sealId ? { sealId: call.input.sealId } : {}),
          ...(call.input.sealPin !== undefined ? { sealPin: call.input.sealPin } : {}),
          ...(job.fileFormat ? { fileFormat: job.fileFormat } : {}),
          items: pending.map((p) => p.item),
          refs: pending.map((p) => `import:${job.id}:${p.line}`),
        },
      });
      const marks = pending.map((p, i) => {
        const r = out.results[i];
        return r?.ok
          ? { line: p.line, status: 'issued' as const, licenseId: r.license.id, error: null }
          : {
              line: p.line,
              status: 'failed' as const,
              licenseId: null,
              error: r ? r.error : { code: 'INTERNAL_ERROR', message: 'no result' },
            };
      });
      job = await deps.uow.run(async (r) => {
        const current = (await r.licenseImports.getForUpdate(job.id)) as LicenseImport;
        await r.licenseImports.markRows(job.id, marks);
        const next: LicenseImport = {
          ...current,
          issued: current.issued + marks.filter((m) => m.status === 'issued').length,
          failed: current.failed + marks.filter((m) => m.status === 'failed').length,
          heartbeatAt: deps.clock.now(),
        };
        await r.licenseImports.update(next);
        return next;
      });
      onProgress?.(importProgress(job, deps.clock.now()));
      continue;
    }
    job = await deps.uow.run(async (r) => {
      const current = (await r.licenseImports.getForUpdate(job.id)) as LicenseImport;
      const now = deps.clock.now();
      const next: LicenseImport = { ...current, status: 'finished', heartbeatAt: now, finishedAt: now };
      await r.licenseImports.update(next);
      await r.audit.append(
        auditEntry(call.actor, call.meta, now, 'licenses.import.finished', importTarget(next), {
          issued: next.issued,
          failed: next.failed,
          rejected: next.rejected.length,
        }),
      );
      return next;
    });
  }
}
