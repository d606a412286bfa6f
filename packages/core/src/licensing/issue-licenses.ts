import { buildEcertIdentifier } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import type { LicenseFileFormat, LicenseTypeVersion } from '../catalog/types.js';
import type { Department } from '../orgs/ports.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { canonicalJson } from './canonical-json.js';
import { issuingContext, type UsableSeal } from './issuing-context.js';
import {
  fileFormatOf,
  includesOfd,
  makeLicenseFiles,
  storeLicenseFiles,
  withFiles,
  type LicenseFiles,
} from './license-files.js';
import { nextLicenseStatus } from './lifecycle.js';
import type { LicensingPorts } from './ports.js';
import { prepareItem, type IssueItem, type PreparedItem } from './prepare.js';
import { checkOfdSeal } from './sign-license-ofd.js';
import type { License, LicenseEvent } from './types.js';

export const MAX_BATCH = 1000;
/** Licences written per transaction: fewer round trips, yet little redone after a failure. */
const CHUNK = 50;
/** Licences rendered and signed concurrently within a batch. */
const IN_FLIGHT = 4;

export interface IssueLicensesInput {
  readonly typeCode: string;
  readonly departmentId: string;
  /** Default: the type's bound seal (it must belong to the department). */
  readonly sealId?: string;
  /** The seal key's PIN, given by the department's seal keeper for this batch; never stored. */
  readonly sealPin?: string;
  /** Same key + same body → the licences already issued are returned, not issued again. */
  readonly idempotencyKey?: string;
  readonly timestamp?: boolean;
  /** The files to issue; default: the licence type's setting. */
  readonly fileFormat?: LicenseFileFormat;
  readonly items: readonly IssueItem[];
  /** Per-item idempotency references chosen by the caller (bulk import); replaces the key-based ones. */
  readonly refs?: readonly string[];
}

export interface ItemError {
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export type IssueResult =
  | { readonly index: number; readonly ok: true; readonly license: License; readonly replayed: boolean }
  | { readonly index: number; readonly ok: false; readonly error: ItemError };

export type IssueDeps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'> & {
  readonly licensing: LicensingPorts;
};

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Today in China (the calendar licences are dated in). */
export const chinaDate = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const errorOf = (e: unknown): ItemError =>
  e instanceof AppError
    ? { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }
    : { code: 'INTERNAL_ERROR', message: 'unexpected error' };

export const licenseTarget = (l: License) => ({ type: 'license', id: l.id, regionCode: l.regionCode });

function requestHash(deps: IssueDeps, input: IssueLicensesInput): string {
  const { sealPin: _pin, idempotencyKey: _key, ...body } = input;
  return bytesToHex(deps.licensing.sha256(new TextEncoder().encode(canonicalJson(body))));
}

/** Every text a licence prints comes from these strings; refuse characters no font covers. */
function glyphCheck(deps: IssueDeps, item: PreparedItem): void {
  const texts = [item.holder.name, item.licenseNumber ?? ''];
  for (const v of Object.values(item.data)) if (typeof v === 'string') texts.push(v);
  const missing = deps.licensing.renderer.missingGlyphs(texts);
  if (missing.length)
    throw new AppError('LICENSE_GLYPH_MISSING', `no font covers ${missing.join(' ')}`, {
      characters: missing,
      codePoints: missing.map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase()}`),
    });
}

export function formatSerial(year: string, n: number): string {
  return `${year}${String(n).padStart(8, '0')}`;
}

interface Made {
  readonly index: number;
  readonly license: License;
  readonly files: LicenseFiles;
}

async function persist(deps: IssueDeps, by: { actor: Actor; meta: RequestMeta }, batch: readonly Made[]) {
  await deps.uow.run(async (r) => {
    for (const m of batch) await store(deps, r, by, m);
  });
}

async function store(deps: IssueDeps, r: Repositories, by: { actor: Actor; meta: RequestMeta }, m: Made) {
  const { license } = m;
  await storeLicenseFiles(r, m.files);
  await r.licenses.insert(license);
  await r.licenses.addEvent(issueEvent(deps, by.actor, license));
  await r.audit.append(
    auditEntry(by.actor, by.meta, license.createdAt, 'licenses.issued', licenseTarget(license), {
      identifier: license.identifier,
      typeCode: license.typeCode,
      licenseNumber: license.licenseNumber,
      fileFormat: fileFormatOf(license),
      fileSha256: license.fileSha256,
      ofdSha256: license.ofdSha256,
      sealId: license.sealId,
    }),
  );
}

function issueEvent(deps: IssueDeps, actor: Actor, license: License): LicenseEvent {
  return {
    id: deps.ids.uuid(),
    licenseId: license.id,
    seriesId: license.seriesId,
    action: 'issue',
    fromStatus: 'made',
    toStatus: nextLicenseStatus('made', 'issue'),
    reasonCode: null,
    reason: null,
    actorId: actor.kind === 'user' ? actor.id : null,
    details: { version: license.version },
    at: license.createdAt,
  };
}

export function newLicense(
  deps: Pick<CoreDeps, 'ids'>,
  type: LicenseTypeVersion,
  department: Department,
  seal: UsableSeal,
  item: PreparedItem,
  serial: string,
  at: Date,
  issueRef: string | null,
): License {
  const identifier = buildEcertIdentifier({
    typeCode: type.typeCode,
    issuerCode: department.uscc,
    serial,
    version: 1,
  });
  return {
    id: deps.ids.uuid(),
    seriesId: deps.ids.uuid(),
    identifier,
    version: 1,
    serial,
    typeCode: type.typeCode,
    typeVersionId: type.id,
    typeName: type.name,
    departmentId: department.id,
    issuerName: department.name,
    issuerCode: department.uscc,
    regionCode: department.regionCode,
    licenseNumber: item.licenseNumber ?? serial,
    holder: item.holder,
    issueDate: item.issueDate,
    validFrom: item.validFrom,
    validTo: item.validTo,
    longTerm: item.longTerm,
    status: 'valid',
    data: item.data,
    fileSha256: '',
    fileSize: 0,
    ofdSha256: null,
    ofdSignedValueSha256: null,
    sealId: seal.id,
    algorithm: seal.algorithm,
    issueRef,
    createdAt: at,
    updatedAt: at,
    rowVersion: 1,
  };
}

/**
 * 制证签发, single or batch (≤ 1,000): prepare every item (schema, codes, dates, glyphs, duplicate
 * numbers) → assign GB/T 36904 identifiers → render → sign with the department's seal (one PIN
 * check per batch) → store file, rows, lifecycle event and audit event in one transaction per
 * chunk. Each item succeeds or fails on its own; with an idempotency key a retried request returns
 * the licences already issued instead of issuing them twice.
 */
export async function issueLicenses(
  deps: IssueDeps,
  { actor, meta, input }: Call<IssueLicensesInput>,
): Promise<{ results: IssueResult[]; issued: number; failed: number }> {
  const count = input.items.length;
  if (count === 0 || count > MAX_BATCH)
    throw new AppError('LICENSE_BATCH_SIZE', `a batch holds 1–${MAX_BATCH} licences`, {
      count,
      max: MAX_BATCH,
    });
  if (input.refs && input.refs.length !== count)
    throw new AppError('LICENSE_BATCH_SIZE', 'one reference per item', { count, refs: input.refs.length });
  const key = input.idempotencyKey;
  const refs = input.refs ?? (key ? input.items.map((_, i) => `${input.departmentId}:${key}:${i}`) : null);
  const started = deps.clock.now();
  const ctx = await deps.uow.run(async (r) => {
    const c = await issuingContext(r, actor, input, started);
    // Refused before anything is claimed or issued.
    if (includesOfd(input.fileFormat ?? c.type.fileFormat)) checkOfdSeal(c.seal);
    if (key) {
      const claim = await r.idempotency.claim(
        `issue:${input.departmentId}`,
        key,
        requestHash(deps, input),
        started,
      );
      if (claim === 'conflict')
        throw new AppError(
          'LICENSE_IDEMPOTENCY_CONFLICT',
          'the idempotency key was used with another request',
          {
            idempotencyKey: key,
          },
        );
    }
    const existing = refs ? await r.licenses.byIssueRefs(refs) : [];
    return { ...c, existing: new Map(existing.map((l) => [l.issueRef as string, l])) };
  });

  const results: IssueResult[] = new Array<IssueResult>(count);
  const today = chinaDate(started);
  const todo: { index: number; item: PreparedItem }[] = [];
  const numbers = new Map<string, number>();
  input.items.forEach((raw, index) => {
    const done = refs ? ctx.existing.get(refs[index] as string) : undefined;
    if (done) {
      results[index] = { index, ok: true, license: done, replayed: true };
      return;
    }
    const prepared = prepareItem(ctx.type, raw, today);
    if (!prepared.ok) {
      results[index] = {
        index,
        ok: false,
        error: {
          code: 'LICENSE_DATA_INVALID',
          message: 'the licence data is invalid',
          details: { problems: prepared.problems },
        },
      };
      return;
    }
    try {
      glyphCheck(deps, prepared.item);
    } catch (e) {
      results[index] = { index, ok: false, error: errorOf(e) };
      return;
    }
    const number = prepared.item.licenseNumber;
    if (number !== null && numbers.has(number)) {
      results[index] = {
        index,
        ok: false,
        error: {
          code: 'LICENSE_NUMBER_EXISTS',
          message: `licence number ${number} repeats item ${numbers.get(number)}`,
          details: { licenseNumber: number },
        },
      };
      return;
    }
    if (number !== null) numbers.set(number, index);
    todo.push({ index, item: prepared.item });
  });

  if (todo.length > 0) {
    const taken = await deps.uow.run((r) =>
      r.licenses.numbersTaken(ctx.type.typeCode, ctx.department.uscc, [...numbers.keys()]),
    );
    const ready = todo.filter(({ index, item }) => {
      if (item.licenseNumber === null || !taken.has(item.licenseNumber)) return true;
      results[index] = {
        index,
        ok: false,
        error: {
          code: 'LICENSE_NUMBER_EXISTS',
          message: `licence number ${item.licenseNumber} is in use`,
          details: { licenseNumber: item.licenseNumber },
        },
      };
      return false;
    });
    if (ready.length > 0) await makeAll(deps, { actor, meta }, input, ctx, ready, refs, results);
  }
  const issued = results.filter((r) => r.ok).length;
  return { results, issued, failed: count - issued };
}

async function makeAll(
  deps: IssueDeps,
  by: { actor: Actor; meta: RequestMeta },
  input: IssueLicensesInput,
  ctx: { type: LicenseTypeVersion; department: Department; seal: UsableSeal; chain: Uint8Array[] },
  ready: readonly { index: number; item: PreparedItem }[],
  refs: readonly string[] | null,
  results: IssueResult[],
): Promise<void> {
  const first = await deps.uow.run((r) =>
    r.licenses.allocateSerials(ctx.type.typeCode, ctx.department.uscc, ready.length),
  );
  const signer = await deps.keys.openSigner(
    { keyRef: ctx.seal.keyRef, ...(input.sealPin !== undefined ? { pin: input.sealPin } : {}) },
    by,
  );
  const issuing = { seal: ctx.seal, signer, chain: ctx.chain, timestamp: input.timestamp ?? false };
  const format = input.fileFormat ?? ctx.type.fileFormat;
  let pending: Made[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      await persist(deps, by, batch);
    } catch {
      // One bad row (e.g. a licence number taken meanwhile) must not cost the others.
      for (const m of batch) {
        try {
          await deps.uow.run((r) => store(deps, r, by, m));
        } catch (e) {
          results[m.index] = { index: m.index, ok: false, error: errorOf(e) };
        }
      }
    }
  };
  const makeOne = async (n: number) => {
    const { index, item } = ready[n] as (typeof ready)[number];
    try {
      const at = deps.clock.now();
      const serial = formatSerial(chinaDate(at).slice(0, 4), first + n);
      const draft = newLicense(
        deps,
        ctx.type,
        ctx.department,
        ctx.seal,
        item,
        serial,
        at,
        refs?.[index] ?? null,
      );
      const files = await makeLicenseFiles(deps, deps.licensing, ctx.type, draft, issuing, format);
      const license = withFiles(draft, files);
      results[index] = { index, ok: true, license, replayed: false };
      pending.push({ index, license, files });
    } catch (e) {
      results[index] = { index, ok: false, error: errorOf(e) };
    }
    if (pending.length >= CHUNK) await flush();
  };
  try {
    // A few licences in flight, so that a renderer running in worker threads is kept busy while
    // this thread signs and stores.
    let next = 0;
    const lane = async () => {
      while (next < ready.length) await makeOne(next++);
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, ready.length) }, lane));
    if (pending.length) await flush();
  } finally {
    signer.close();
  }
}
