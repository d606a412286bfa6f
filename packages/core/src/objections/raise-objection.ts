import { auditEntry } from '../audit/entry.js';
import { scopeKind } from '../accounts/roles.js';
import { loadWorkingCalendar } from '../calendar/manage-calendar.js';
import { addWorkingDays, chinaDateOf } from '../calendar/working-days.js';
import type { License } from '../licensing/types.js';
import { checkSettings } from '../notifications/holder-settings.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { checkEvidence, type EvidenceLimits, type EvidenceUpload } from './evidence.js';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  RESOLVE_WORKING_DAYS,
  STANDARD_OBJECTION_FIELDS,
  type Objection,
  type ObjectionEvidence,
  type ObjectionRequester,
} from './types.js';

export interface ObjectionDeps extends Pick<CoreDeps, 'uow' | 'clock' | 'ids'> {
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
  readonly evidenceLimits: EvidenceLimits;
}

export interface RaiseObjectionInput {
  /** Licence version id (UUID) or its GB/T 36904 identifier. */
  readonly license: string;
  readonly fields: readonly string[];
  readonly text: string;
  readonly evidence?: readonly EvidenceUpload[];
  /** Optional e-mail for the result (holders otherwise use their notification settings). */
  readonly contactEmail?: string;
  /** Staff in several departments say for which one they object. */
  readonly departmentId?: string;
}

export async function findLicense(r: Repositories, ref: string): Promise<License> {
  const license = ref.startsWith('1.2.156.')
    ? await r.licenses.byIdentifier(ref)
    : /^[0-9a-f-]{36}$/i.test(ref)
      ? await r.licenses.get(ref)
      : null;
  if (!license) throw new AppError('LICENSE_NOT_FOUND', 'no such licence', { license: ref });
  return license;
}

/** Who objects: the licence's holder, or staff / an app of a using department. */
function requesterOf(
  actor: Actor,
  license: License,
  input: RaiseObjectionInput,
  departmentName: (id: string) => string | null,
) {
  const contactEmail = input.contactEmail
    ? checkSettings({ email: input.contactEmail, webhook: null, leadDays: null }).email
    : null;
  switch (actor.kind) {
    case 'holder':
      if (actor.holderCodeType !== license.holder.codeType || actor.holderCode !== license.holder.code)
        throw new AppError('AUTH_FORBIDDEN', 'holders object to their own licences only', {
          permission: 'objections.raise',
        });
      return {
        kind: 'holder',
        actorKind: 'holder',
        actorId: actor.id,
        name: actor.name,
        holderCodeType: actor.holderCodeType,
        holderCode: actor.holderCode,
        departmentId: null,
        contactEmail,
      } satisfies ObjectionRequester;
    case 'user': {
      const departments = [
        ...new Set(
          actor.roles.filter((g) => scopeKind(g) === 'department').map((g) => g.departmentId as string),
        ),
      ];
      const departmentId = input.departmentId ?? (departments.length === 1 ? departments[0] : undefined);
      if (!departmentId || !departments.includes(departmentId))
        throw new AppError('AUTH_FORBIDDEN', 'department staff object for one of their departments', {
          permission: 'objections.raise',
          departmentId: input.departmentId ?? null,
        });
      return {
        kind: 'department',
        actorKind: 'user',
        actorId: actor.id,
        name: `${departmentName(departmentId) ?? departmentId} ${actor.username}`,
        holderCodeType: null,
        holderCode: null,
        departmentId,
        contactEmail,
      } satisfies ObjectionRequester;
    }
    case 'app':
      if (input.departmentId && input.departmentId !== actor.departmentId)
        throw new AppError('AUTH_FORBIDDEN', 'an app objects for its own department', {
          permission: 'objections.raise',
        });
      return {
        kind: 'department',
        actorKind: 'app',
        actorId: actor.id,
        name: departmentName(actor.departmentId) ?? actor.departmentId,
        holderCodeType: null,
        holderCode: null,
        departmentId: actor.departmentId,
        contactEmail,
      } satisfies ObjectionRequester;
    default:
      throw new AppError('AUTH_FORBIDDEN', 'holders and department staff raise objections', {
        permission: 'objections.raise',
      });
  }
}

const invalid = (item: string, message: string) =>
  new AppError('OBJECTION_DATA_INVALID', message, { problems: [{ item, message }] });

/**
 * 异议申请: the holder or a using department says which data of a licence are wrong, why, with
 * evidence files (PDF / PNG / JPEG, checked before anything is stored). The issuing department
 * must mark it within 1 working day and resolve it within 5 (deadlines from the working-day
 * calendar, see calendar/working-days.ts). Stored, with its files and audit event, in one
 * transaction.
 */
export async function raiseObjection(
  deps: ObjectionDeps,
  { actor, meta, input }: Call<RaiseObjectionInput>,
): Promise<Objection> {
  const text = input.text?.trim() ?? '';
  if (!text || [...text].length > 2000) throw invalid('text', 'a description of 1–2000 characters');
  const fields = [...new Set(input.fields ?? [])];
  if (fields.length < 1 || fields.length > 50) throw invalid('fields', 'name 1–50 wrong fields');
  const files = input.evidence ?? [];
  checkEvidence(files, deps.evidenceLimits);
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const license = await findLicense(r, input.license);
    const departments = new Map<string, string>();
    for (const id of [input.departmentId, actor.kind === 'app' ? actor.departmentId : undefined])
      if (id) {
        const d = await r.departments.get(id);
        if (d) departments.set(id, d.name);
      }
    if (actor.kind === 'user')
      for (const g of actor.roles)
        if (g.departmentId && !departments.has(g.departmentId)) {
          const d = await r.departments.get(g.departmentId);
          if (d) departments.set(g.departmentId, d.name);
        }
    const requester = requesterOf(actor, license, input, (id) => departments.get(id) ?? null);
    if (license.status === 'superseded' || license.status === 'made')
      throw new AppError('OBJECTION_LICENSE_NOT_CURRENT', 'object to the current version of the licence', {
        license: license.identifier,
        status: license.status,
      });
    const type = await r.licenseTypes.get(license.typeVersionId);
    const known = new Set<string>([
      ...STANDARD_OBJECTION_FIELDS,
      ...(type?.dataItems ?? []).map((d) => d.code),
    ]);
    const unknown = fields.filter((f) => !known.has(f));
    if (unknown.length)
      throw new AppError('OBJECTION_DATA_INVALID', `not fields of this licence: ${unknown.join(', ')}`, {
        problems: unknown.map((item) => ({ item, message: 'unknown field' })),
        known: [...known],
      });
    const evidence: ObjectionEvidence[] = [];
    for (const [i, f] of files.entries()) {
      const sha256 = bytesToHex(deps.sha256(f.bytes));
      await r.blobs.put(sha256, f.bytes);
      evidence.push({
        seq: i + 1,
        fileName: f.fileName.trim(),
        contentType: f.contentType,
        size: f.bytes.length,
        sha256,
      });
    }
    const calendar = await loadWorkingCalendar(r, chinaDateOf(now));
    const objection: Objection = {
      id: deps.ids.uuid(),
      licenseId: license.id,
      seriesId: license.seriesId,
      licenseIdentifier: license.identifier,
      typeName: license.typeName,
      regionCode: license.regionCode,
      departmentId: license.departmentId,
      requester,
      fields,
      text,
      evidence,
      status: 'submitted',
      submittedAt: now,
      acknowledgeDueAt: addWorkingDays(now, ACKNOWLEDGE_WORKING_DAYS, calendar),
      resolveDueAt: addWorkingDays(now, RESOLVE_WORKING_DAYS, calendar),
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      correctedLicenseId: null,
      correctedIdentifier: null,
      rowVersion: 1,
    };
    await r.objections.insert(objection);
    await r.audit.append(
      auditEntry(actor, meta, now, 'objections.raised', objectionTarget(objection), {
        license: license.identifier,
        requesterKind: requester.kind,
        requesterDepartmentId: requester.departmentId,
        fields,
        evidence: evidence.map(({ sha256, size, contentType }) => ({ sha256, size, contentType })),
        acknowledgeDueAt: objection.acknowledgeDueAt.toISOString(),
        resolveDueAt: objection.resolveDueAt.toISOString(),
      }),
    );
    return objection;
  });
}

export const objectionTarget = (o: Objection) => ({ type: 'objection', id: o.id, regionCode: o.regionCode });
