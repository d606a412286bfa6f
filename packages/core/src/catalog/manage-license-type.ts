import type { AuditAction } from '../audit/actions.js';
import { auditEntry } from '../audit/entry.js';
import { hasRole } from '../accounts/policy.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import { regionPrefix } from '../orgs/region-code.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { LicenseRenderer } from '../licensing/ports.js';
import { validateLicenseData } from './data-items.js';
import { checkTypeCode } from './type-code.js';
import type { CatalogStatus, LicenseFileFormat, LicenseTypeVersion } from './types.js';
import { nextCatalogStatus } from './workflow.js';

/** The editable content of a licence type version (`fileFormat` defaults to 'pdf', then to the current). */
export type LicenseTypeContent = Omit<
  LicenseTypeVersion,
  | 'fileFormat'
  | 'id'
  | 'typeCode'
  | 'version'
  | 'status'
  | 'departmentId'
  | 'regionCode'
  | 'reviewComment'
  | 'createdAt'
  | 'updatedAt'
  | 'publishedAt'
  | 'rowVersion'
> & { readonly fileFormat?: LicenseFileFormat };

const target = (t: LicenseTypeVersion) => ({ type: 'license_type', id: t.id, regionCode: t.regionCode });

async function load(r: Repositories, id: string, forUpdate = false): Promise<LicenseTypeVersion> {
  const t = forUpdate ? await r.licenseTypes.getForUpdate(id) : await r.licenseTypes.get(id);
  if (!t) throw new AppError('CATALOG_TYPE_NOT_FOUND', `licence type ${id} not found`, { id });
  return t;
}

async function save(r: Repositories, next: LicenseTypeVersion, previous: LicenseTypeVersion) {
  if (!(await r.licenseTypes.update(next, previous.rowVersion))) {
    throw new AppError('CATALOG_VERSION_CONFLICT', 'licence type changed meanwhile', { id: next.id });
  }
}

/** Department staff who register types for their department: its issuers. */
function authorizeDepartment(actor: Actor, t: { regionCode: string; departmentId: string }) {
  if (!hasRole(actor, ['issuer'], { regionCode: t.regionCode, departmentId: t.departmentId })) {
    throw new AppError('AUTH_FORBIDDEN', 'only issuers of the department edit its licence types', {
      regionCode: t.regionCode,
    });
  }
}

function checkContent(typeCode: string, content: LicenseTypeContent) {
  const problems = checkTypeCode(typeCode, content.definer.code);
  const codes = content.dataItems.map((i) => i.code);
  if (new Set(codes).size !== codes.length) problems.push('data item codes must be unique');
  if (content.holderCategory !== 'natural_person' && content.holderCodeTypes.length === 0) {
    problems.push('at least one holder code type');
  }
  if (problems.length) throw new AppError('CATALOG_TYPE_INVALID', problems.join('; '), { problems });
}

/** 目录注册: an issuer of a department registers a new licence type as a draft (version 1). */
export async function createLicenseType(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<{ departmentId: string; typeCode: string; content: LicenseTypeContent }>,
): Promise<LicenseTypeVersion> {
  checkContent(input.typeCode, input.content);
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, input.departmentId);
    authorizeDepartment(actor, { regionCode: department.regionCode, departmentId: department.id });
    if ((await r.licenseTypes.latestVersion(input.typeCode)) > 0) {
      throw new AppError('CATALOG_TYPE_EXISTS', `licence type ${input.typeCode} exists; make a new version`, {
        typeCode: input.typeCode,
      });
    }
    const now = deps.clock.now();
    const created: LicenseTypeVersion = {
      ...input.content,
      fileFormat: input.content.fileFormat ?? 'pdf',
      id: deps.ids.uuid(),
      typeCode: input.typeCode,
      version: 1,
      status: 'draft',
      departmentId: department.id,
      regionCode: department.regionCode,
      reviewComment: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      rowVersion: 1,
    };
    await r.licenseTypes.insert(created);
    await r.audit.append(
      auditEntry(actor, meta, now, 'catalog.type.created', target(created), {
        typeCode: created.typeCode,
        name: created.name,
      }),
    );
    return created;
  });
}

/** Edits a draft; published versions never change. */
export async function updateLicenseType(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; rowVersion: number; content: LicenseTypeContent }>,
): Promise<LicenseTypeVersion> {
  return deps.uow.run(async (r) => {
    const current = await load(r, input.id, true);
    authorizeDepartment(actor, current);
    checkContent(current.typeCode, input.content);
    if (input.rowVersion !== current.rowVersion)
      throw new AppError('CATALOG_VERSION_CONFLICT', 'licence type changed meanwhile');
    const now = deps.clock.now();
    const next: LicenseTypeVersion = {
      ...current,
      ...input.content,
      fileFormat: input.content.fileFormat ?? current.fileFormat,
      status: nextCatalogStatus(current.status, 'edit'),
      updatedAt: now,
      rowVersion: current.rowVersion + 1,
    };
    await save(r, next, current);
    await r.audit.append(
      auditEntry(actor, meta, now, 'catalog.type.updated', target(next), { version: next.version }),
    );
    return next;
  });
}

type StepAction = 'submit' | 'approve' | 'reject' | 'publish';

/** What publication needs from the face renderer (the licensing adapter provides it). */
export type FaceChecker = Pick<LicenseRenderer, 'checkTemplate' | 'missingGlyphs'>;

/**
 * A published type must be issuable: a valid face template whose fixed texts every configured font
 * chain can draw, and sample data that passes its own schema (the designer's preview uses it).
 */
function checkPublishable(faces: FaceChecker, t: LicenseTypeVersion): void {
  if (!t.faceTemplate)
    throw new AppError('LICENSE_TEMPLATE_INVALID', 'a face template is required to publish');
  const { fixedTexts } = faces.checkTemplate(t.faceTemplate);
  const sampleTexts = Object.values(t.sampleData).filter((v): v is string => typeof v === 'string');
  const missing = faces.missingGlyphs([...fixedTexts, ...sampleTexts]);
  if (missing.length)
    throw new AppError('LICENSE_GLYPH_MISSING', `no font covers ${missing.join(' ')}`, {
      characters: missing,
    });
  const problems = validateLicenseData(t.dataItems, t.sampleData);
  if (problems.length)
    throw new AppError('CATALOG_TYPE_INVALID', 'the sample data does not match the data items', { problems });
}

const STEP_AUDIT = {
  submit: 'catalog.type.submitted',
  approve: 'catalog.type.approved',
  reject: 'catalog.type.rejected',
  publish: 'catalog.type.published',
} as const satisfies Record<StepAction, AuditAction>;

/**
 * submit (department issuer) → approve / reject (catalogue administrator of the region) → publish
 * (catalogue administrator). Publishing supersedes the type's previously published version.
 */
export async function advanceLicenseType(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly faces: FaceChecker },
  { actor, meta, input }: Call<{ id: string; action: StepAction; comment?: string }>,
): Promise<LicenseTypeVersion> {
  return deps.uow.run(async (r) => {
    const current = await load(r, input.id, true);
    if (input.action === 'submit') authorizeDepartment(actor, current);
    else if (!hasRole(actor, ['catalog_admin'], { regionCode: current.regionCode })) {
      throw new AppError('AUTH_FORBIDDEN', 'only catalogue administrators of the region review and publish', {
        regionCode: current.regionCode,
      });
    }
    const now = deps.clock.now();
    if (input.action === 'publish') {
      checkPublishable(deps.faces, current);
      const previous = await r.licenseTypes.published(current.typeCode);
      if (previous) {
        await save(
          r,
          {
            ...previous,
            status: nextCatalogStatus(previous.status, 'supersede'),
            updatedAt: now,
            rowVersion: previous.rowVersion + 1,
          },
          previous,
        );
      }
    }
    const next: LicenseTypeVersion = {
      ...current,
      status: nextCatalogStatus(current.status, input.action),
      reviewComment:
        input.action === 'approve' || input.action === 'reject'
          ? (input.comment ?? null)
          : current.reviewComment,
      publishedAt: input.action === 'publish' ? now : current.publishedAt,
      updatedAt: now,
      rowVersion: current.rowVersion + 1,
    };
    await save(r, next, current);
    await r.audit.append(
      auditEntry(actor, meta, now, STEP_AUDIT[input.action], target(next), {
        version: next.version,
        comment: input.comment ?? null,
      }),
    );
    return next;
  });
}

/** A change to a published type: a new draft version copied from the published one. */
export async function newLicenseTypeVersion(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<{ id: string }>,
): Promise<LicenseTypeVersion> {
  return deps.uow.run(async (r) => {
    const source = await load(r, input.id);
    authorizeDepartment(actor, source);
    if (source.status !== 'published')
      throw new AppError('CATALOG_INVALID_TRANSITION', 'new versions start from the published one');
    const latest = await r.licenseTypes.latestVersion(source.typeCode);
    const now = deps.clock.now();
    const draft: LicenseTypeVersion = {
      ...source,
      id: deps.ids.uuid(),
      version: latest + 1,
      status: 'draft',
      reviewComment: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      rowVersion: 1,
    };
    await r.licenseTypes.insert(draft);
    await r.audit.append(
      auditEntry(actor, meta, now, 'catalog.type.created', target(draft), {
        typeCode: draft.typeCode,
        version: draft.version,
      }),
    );
    return draft;
  });
}

export async function getLicenseType(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  id: string,
): Promise<LicenseTypeVersion> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  return deps.uow.run((r) => load(r, id));
}

/** The catalogue: every staff user sees published types; drafts only within their region. */
export async function listLicenseTypes(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { q?: string; status?: CatalogStatus } & PageRequest,
): Promise<Page<LicenseTypeVersion>> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  if (query.status === 'published')
    return deps.uow.run((r) => r.licenseTypes.list({ ...query, prefixes: null }));
  const prefixes =
    actor.kind === 'user' && !actor.roles.some((g) => !g.regionCode && !g.departmentId)
      ? actor.roles.flatMap((g) => {
          const region =
            g.regionCode ?? (g.departmentId ? actor.departmentRegions[g.departmentId] : undefined);
          return region ? [regionPrefix(region)] : [];
        })
      : null;
  return deps.uow.run((r) => r.licenseTypes.list({ ...query, prefixes }));
}
