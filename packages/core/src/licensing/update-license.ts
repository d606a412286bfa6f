import { nextEcertIdentifierVersion } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import { AppError } from '../shared/app-error.js';
import type { Call } from '../shared/deps.js';
import { authorizeIssuer, loadLicense } from './change-license.js';
import { issuingContext } from './issuing-context.js';
import { chinaDate, licenseTarget, type IssueDeps } from './issue-licenses.js';
import { nextLicenseStatus } from './lifecycle.js';
import { LONG_TERM } from './metadata.js';
import { prepareItem, type IssueItem } from './prepare.js';
import {
  fileFormatOf,
  includesOfd,
  makeLicenseFiles,
  storeLicenseFiles,
  withFiles,
} from './license-files.js';
import { checkOfdSeal } from './sign-license-ofd.js';
import type { LicenseFileFormat } from '../catalog/types.js';
import type { License } from './types.js';

export interface UpdateLicenseInput {
  readonly id: string;
  readonly reason: string;
  /** Changed fields; data items are merged over the current ones (null removes one). */
  readonly changes: {
    readonly holderName?: string;
    readonly validTo?: string;
    readonly data?: Record<string, unknown>;
  };
  readonly sealId?: string;
  readonly sealPin?: string;
  readonly timestamp?: boolean;
  /** The files of the new version; default: those of the current version. */
  readonly fileFormat?: LicenseFileFormat;
  readonly rowVersion?: number;
}

/**
 * 变更: a new version of the licence (identifier version + 1, new check character, same serial and
 * number) made from the type's current published version and signed again; the old version becomes
 * superseded — it leaves search results but stays retrievable with its file.
 */
export async function updateLicense(deps: IssueDeps, { actor, meta, input }: Call<UpdateLicenseInput>) {
  if (!input.reason?.trim()) throw new AppError('LICENSE_DATA_INVALID', 'a reason is required');
  const now = deps.clock.now();
  const { current, ctx } = await deps.uow.run(async (r) => {
    const current = await loadLicense(r, input.id);
    authorizeIssuer(actor, current);
    nextLicenseStatus(current.status, 'update');
    const ctx = await issuingContext(
      r,
      actor,
      {
        typeCode: current.typeCode,
        departmentId: current.departmentId,
        sealId: input.sealId ?? current.sealId,
      },
      now,
    );
    if (includesOfd(input.fileFormat ?? fileFormatOf(current))) checkOfdSeal(ctx.seal);
    return { current, ctx };
  });
  const format = input.fileFormat ?? fileFormatOf(current);
  const data = Object.fromEntries(
    Object.entries({ ...current.data, ...input.changes.data }).filter(([, v]) => v !== null),
  );
  const item: IssueItem = {
    holder: {
      name: input.changes.holderName ?? current.holder.name,
      code: current.holder.code,
      codeType: current.holder.codeType,
    },
    licenseNumber: current.licenseNumber,
    issueDate: chinaDate(now),
    ...(current.validFrom ? { validFrom: current.validFrom } : {}),
    ...(input.changes.validTo
      ? { validTo: input.changes.validTo }
      : current.longTerm
        ? { validTo: LONG_TERM }
        : current.validTo
          ? { validTo: current.validTo }
          : {}),
    data,
  };
  const prepared = prepareItem(ctx.type, item, chinaDate(now));
  if (!prepared.ok)
    throw new AppError('LICENSE_DATA_INVALID', 'the licence data is invalid', {
      problems: prepared.problems,
    });
  const missing = deps.licensing.renderer.missingGlyphs([
    prepared.item.holder.name,
    ...Object.values(prepared.item.data).filter((v): v is string => typeof v === 'string'),
  ]);
  if (missing.length)
    throw new AppError('LICENSE_GLYPH_MISSING', `no font covers ${missing.join(' ')}`, {
      characters: missing,
    });

  const draft: License = {
    ...current,
    ...prepared.item,
    licenseNumber: current.licenseNumber,
    id: deps.ids.uuid(),
    identifier: nextEcertIdentifierVersion(current.identifier),
    version: current.version + 1,
    typeVersionId: ctx.type.id,
    typeName: ctx.type.name,
    issuerName: ctx.department.name,
    status: 'valid',
    sealId: ctx.seal.id,
    algorithm: ctx.seal.algorithm,
    issueRef: null,
    createdAt: now,
    updatedAt: now,
    rowVersion: 1,
  };
  const signer = await deps.keys.openSigner(
    { keyRef: ctx.seal.keyRef, ...(input.sealPin !== undefined ? { pin: input.sealPin } : {}) },
    { actor, meta },
  );
  let files;
  try {
    const issuing = { seal: ctx.seal, signer, chain: ctx.chain, timestamp: input.timestamp ?? false };
    files = await makeLicenseFiles(deps, deps.licensing, ctx.type, draft, issuing, format);
  } finally {
    signer.close();
  }
  const next: License = withFiles(draft, files);
  return deps.uow.run(async (r) => {
    const locked = await loadLicense(r, current.id, true);
    if (
      locked.rowVersion !== current.rowVersion ||
      (input.rowVersion !== undefined && input.rowVersion !== locked.rowVersion)
    )
      throw new AppError('LICENSE_VERSION_CONFLICT', 'the licence changed meanwhile', { id: current.id });
    const superseded: License = {
      ...locked,
      status: nextLicenseStatus(locked.status, 'update'),
      updatedAt: now,
      rowVersion: locked.rowVersion + 1,
    };
    if (!(await r.licenses.update(superseded, locked.rowVersion)))
      throw new AppError('LICENSE_VERSION_CONFLICT', 'the licence changed meanwhile', { id: current.id });
    await storeLicenseFiles(r, files);
    await r.licenses.insert(next);
    const actorId = actor.kind === 'user' ? actor.id : null;
    await r.licenses.addEvent({
      id: deps.ids.uuid(),
      licenseId: locked.id,
      seriesId: locked.seriesId,
      action: 'update',
      fromStatus: locked.status,
      toStatus: superseded.status,
      reasonCode: null,
      reason: input.reason,
      actorId,
      details: { supersededBy: next.identifier },
      at: now,
    });
    await r.licenses.addEvent({
      id: deps.ids.uuid(),
      licenseId: next.id,
      seriesId: next.seriesId,
      action: 'issue',
      fromStatus: 'made',
      toStatus: 'valid',
      reasonCode: null,
      reason: input.reason,
      actorId,
      details: { version: next.version, replaces: locked.identifier },
      at: now,
    });
    await r.audit.append(
      auditEntry(actor, meta, now, 'licenses.updated', licenseTarget(next), {
        identifier: next.identifier,
        replaces: locked.identifier,
        reason: input.reason,
        fileFormat: format,
        fileSha256: next.fileSha256,
        ofdSha256: next.ofdSha256,
        changed: Object.keys(input.changes),
      }),
    );
    return { license: next, superseded };
  });
}
