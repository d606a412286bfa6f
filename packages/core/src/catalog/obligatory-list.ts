import { auditEntry } from '../audit/entry.js';
import { hasRole } from '../accounts/policy.js';
import { ROLES, scopeKind } from '../accounts/roles.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import type { Department } from '../orgs/ports.js';
import { regionLevel, regionPrefix } from '../orgs/region-code.js';
import type { Actor } from '../shared/actor.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { checkTypeCode } from './type-code.js';

/**
 * One line of the 应开通电子证照目录: a licence type that a department must issue electronically,
 * as the province lists it. The type code is filled in once the catalogue has it.
 */
export interface ObligatoryEntry {
  readonly id: string;
  /** The department's region: the region whose list this line belongs to. */
  readonly regionCode: string;
  /** The department that must open (issue electronically) the licence type. */
  readonly departmentId: string;
  /** 证照名称 as listed by the province. */
  readonly typeName: string;
  /** 证照类型代码 (21 characters) once known. */
  readonly typeCode: string | null;
  readonly serviceItems: readonly { readonly code: string; readonly name: string }[];
  readonly note: string | null;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly removedAt: Date | null;
  readonly removedBy: string | null;
  readonly removalReason: string | null;
}

/**
 * An entry is opened (已开通) when a published version of its type code exists and names the entry's
 * department among its issuer departments.
 */
export type ListedObligatoryEntry = ObligatoryEntry & { readonly opened: boolean };

/** What a reader may see: null = everything; otherwise regions (code prefixes) and departments. */
export type ObligatoryReadScope = { readonly prefixes: string[]; readonly departmentIds: string[] } | null;

export interface ObligatoryQuery {
  /** Code prefix of the region filter (see regionPrefix). */
  readonly regionPrefix?: string;
  readonly departmentId?: string;
  readonly opened?: boolean;
  readonly scope: ObligatoryReadScope;
}

export interface ObligatoryCoverageCount {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly regionCode: string;
  readonly listed: number;
  readonly opened: number;
}

/** Only entries not removed are listed and counted. */
export interface ObligatoryListRepository {
  get(id: string): Promise<ObligatoryEntry | null>;
  getForUpdate(id: string): Promise<ObligatoryEntry | null>;
  /** A not-removed entry of the department with this type name or (when not null) type code, except `exceptId`. */
  findClash(
    departmentId: string,
    match: { typeName: string; typeCode: string | null },
    exceptId?: string,
  ): Promise<ObligatoryEntry | null>;
  /** False when a not-removed entry of the same department has the same type name or type code. */
  insert(entry: ObligatoryEntry): Promise<boolean>;
  /** False when the change would clash with another not-removed entry of the department. */
  update(entry: ObligatoryEntry): Promise<boolean>;
  list(query: ObligatoryQuery & PageRequest): Promise<Page<ListedObligatoryEntry>>;
  /** Listed and opened counts per department with at least one entry. */
  coverage(query: ObligatoryQuery): Promise<ObligatoryCoverageCount[]>;
}

export interface ObligatoryCoverageLine extends ObligatoryCoverageCount {
  /** 证照电子化率: opened ÷ listed, null when nothing is listed. */
  readonly rate: number | null;
}

export interface ObligatoryCoverage {
  readonly departments: ObligatoryCoverageLine[];
  readonly totals: { readonly listed: number; readonly opened: number; readonly rate: number | null };
}

interface EntryProblem {
  readonly field: string;
  readonly message: string;
}

/** A type code's format: a valid 统一社会信用代码 (the definer's) + 3 digits, as in the catalogue. */
export function checkObligatoryTypeCode(typeCode: string): string[] {
  return checkTypeCode(typeCode, typeCode.slice(0, 18));
}

const ratio = (opened: number, listed: number): number | null => (listed === 0 ? null : opened / listed);

/** Adds the rates (opened ÷ listed, null when nothing is listed) and the totals. */
export function summarizeObligatoryCoverage(counts: readonly ObligatoryCoverageCount[]): ObligatoryCoverage {
  const listed = counts.reduce((n, c) => n + c.listed, 0);
  const opened = counts.reduce((n, c) => n + c.opened, 0);
  return {
    departments: counts.map((c) => ({ ...c, rate: ratio(c.opened, c.listed) })),
    totals: { listed, opened, rate: ratio(opened, listed) },
  };
}

/**
 * Every staff role reads within its grants: a region grant its region and below, a department grant
 * its department.
 */
export function obligatoryReadScope(actor: Actor): ObligatoryReadScope {
  if (actor.kind === 'system') return null;
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  if (actor.kind !== 'user') throw new AppError('AUTH_FORBIDDEN', 'staff only');
  if (actor.roles.some((g) => scopeKind(g) === 'platform')) return null;
  return {
    prefixes: actor.roles.flatMap((g) => (scopeKind(g) === 'region' ? [regionPrefix(g.regionCode!)] : [])),
    departmentIds: actor.roles.flatMap((g) => (g.departmentId ? [g.departmentId] : [])),
  };
}

/** The optional fields of an entry; in an update, undefined leaves a field as it is. */
export interface ObligatoryEntryChanges {
  readonly typeCode?: string | null;
  readonly serviceItems?: readonly { readonly code: string; readonly name: string }[];
  readonly note?: string | null;
}

interface EntryFields {
  typeName: string;
  typeCode: string | null;
  note: string | null;
  serviceItems: readonly { code: string; name: string }[];
}

function checkFields(fields: EntryFields): EntryFields {
  const problems: EntryProblem[] = [];
  const typeName = fields.typeName.trim();
  if (!typeName) problems.push({ field: 'typeName', message: 'licence type name is required' });
  if (fields.typeCode !== null) {
    for (const message of checkObligatoryTypeCode(fields.typeCode))
      problems.push({ field: 'typeCode', message });
  }
  const codes = fields.serviceItems.map((s) => s.code);
  if (new Set(codes).size !== codes.length)
    problems.push({ field: 'serviceItems', message: 'service item codes must be unique' });
  if (problems.length) {
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new AppError('CATALOG_OBLIGATORY_INVALID', message, { problems });
  }
  return { ...fields, typeName, note: fields.note?.trim() || null };
}

function authorizeManage(actor: Actor, regionCode: string) {
  if (!hasRole(actor, ['catalog_admin'], { regionCode })) {
    const message = 'only catalogue administrators of the region manage its obligatory list';
    throw new AppError('AUTH_FORBIDDEN', message, { regionCode });
  }
}

async function requireNoClash(r: Repositories, entry: ObligatoryEntry) {
  const clash = await r.obligatoryList.findClash(entry.departmentId, entry, entry.id);
  if (clash) throw duplicate(entry, clash.id);
}

const duplicate = (entry: ObligatoryEntry, existingId: string | null) =>
  new AppError('CATALOG_OBLIGATORY_DUPLICATE', 'the department already lists this licence type', {
    departmentId: entry.departmentId,
    typeName: entry.typeName,
    typeCode: entry.typeCode,
    existingId,
  });

async function loadActive(r: Repositories, id: string): Promise<ObligatoryEntry> {
  const entry = await r.obligatoryList.getForUpdate(id);
  if (!entry) throw new AppError('CATALOG_OBLIGATORY_NOT_FOUND', `obligatory entry ${id} not found`, { id });
  if (entry.removedAt) throw new AppError('CATALOG_OBLIGATORY_REMOVED', 'the entry was removed', { id });
  return entry;
}

const target = (e: ObligatoryEntry) => ({ type: 'obligatory_entry', id: e.id, regionCode: e.regionCode });

/** 应开通目录管理: a catalogue administrator of the department's region lists a licence type it must open. */
export async function addObligatoryEntry(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<{ departmentId: string; typeName: string } & ObligatoryEntryChanges>,
): Promise<ObligatoryEntry> {
  const fields = checkFields({
    typeName: input.typeName,
    typeCode: input.typeCode ?? null,
    note: input.note ?? null,
    serviceItems: input.serviceItems ?? [],
  });
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, input.departmentId);
    authorizeManage(actor, department.regionCode);
    if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');
    const now = deps.clock.now();
    const entry: ObligatoryEntry = {
      ...fields,
      id: deps.ids.uuid(),
      regionCode: department.regionCode,
      departmentId: department.id,
      createdAt: now,
      createdBy: actorId(actor)!,
      updatedAt: now,
      removedAt: null,
      removedBy: null,
      removalReason: null,
    };
    await requireNoClash(r, entry);
    if (!(await r.obligatoryList.insert(entry))) throw duplicate(entry, null);
    await r.audit.append(
      auditEntry(actor, meta, now, 'catalog.obligatory.added', target(entry), {
        departmentId: entry.departmentId,
        typeName: entry.typeName,
        typeCode: entry.typeCode,
      }),
    );
    return entry;
  });
}

/** Corrects the name, fills in (or clears) the type code, or changes the note or service items. */
export async function updateObligatoryEntry(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; typeName?: string } & ObligatoryEntryChanges>,
): Promise<ObligatoryEntry> {
  return deps.uow.run(async (r) => {
    const current = await loadActive(r, input.id);
    authorizeManage(actor, current.regionCode);
    const fields = checkFields({
      typeName: input.typeName ?? current.typeName,
      typeCode: input.typeCode === undefined ? current.typeCode : input.typeCode,
      note: input.note === undefined ? current.note : input.note,
      serviceItems: input.serviceItems ?? current.serviceItems,
    });
    const changes = Object.fromEntries(
      (Object.keys(fields) as (keyof EntryFields)[])
        .filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(current[k]))
        .map((k) => [k, { from: current[k], to: fields[k] }]),
    );
    if (Object.keys(changes).length === 0) return current;
    const now = deps.clock.now();
    const next: ObligatoryEntry = { ...current, ...fields, updatedAt: now };
    await requireNoClash(r, next);
    if (!(await r.obligatoryList.update(next))) throw duplicate(next, null);
    await r.audit.append(
      auditEntry(actor, meta, now, 'catalog.obligatory.updated', target(next), {
        departmentId: next.departmentId,
        changes,
      }),
    );
    return next;
  });
}

/** Takes a line off the list (kept, marked removed, with the reason); it leaves the coverage. */
export async function removeObligatoryEntry(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; reason: string }>,
): Promise<ObligatoryEntry> {
  const reason = input.reason.trim();
  if (!reason) {
    throw new AppError('CATALOG_OBLIGATORY_INVALID', 'reason: a reason is required', {
      problems: [{ field: 'reason', message: 'a reason is required' }],
    });
  }
  return deps.uow.run(async (r) => {
    const current = await loadActive(r, input.id);
    authorizeManage(actor, current.regionCode);
    const now = deps.clock.now();
    const removed: ObligatoryEntry = {
      ...current,
      updatedAt: now,
      removedAt: now,
      removedBy: actorId(actor)!,
      removalReason: reason,
    };
    await r.obligatoryList.update(removed);
    await r.audit.append(
      auditEntry(actor, meta, now, 'catalog.obligatory.removed', target(removed), {
        departmentId: removed.departmentId,
        typeName: removed.typeName,
        typeCode: removed.typeCode,
        reason,
      }),
    );
    return removed;
  });
}

export interface ObligatoryFilter {
  readonly regionCode?: string;
  readonly departmentId?: string;
}

/**
 * The reader's scope, after checking that the filter lies within it: a department filter needs a
 * grant covering the department, a region filter one covering the whole region.
 */
async function readQuery(
  r: Repositories,
  actor: Actor,
  filter: ObligatoryFilter,
): Promise<{ query: ObligatoryQuery; department: Department | null }> {
  const scope = obligatoryReadScope(actor);
  if (filter.regionCode) regionLevel(filter.regionCode);
  let department: Department | null = null;
  if (filter.departmentId) {
    department = await getDepartmentOrThrow(r.departments, filter.departmentId);
    if (!hasRole(actor, ROLES, { regionCode: department.regionCode, departmentId: department.id })) {
      throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this department’s obligatory list', {
        departmentId: department.id,
      });
    }
  } else if (filter.regionCode && !hasRole(actor, ROLES, { regionCode: filter.regionCode })) {
    throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this region’s obligatory list', {
      regionCode: filter.regionCode,
    });
  }
  return {
    department,
    query: {
      scope,
      ...(filter.regionCode ? { regionPrefix: regionPrefix(filter.regionCode) } : {}),
      ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
    },
  };
}

/** The obligatory list as its reader may see it; `opened` filters 已开通 / 未开通 entries. */
export async function listObligatoryEntries(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: ObligatoryFilter & { opened?: boolean } & PageRequest,
): Promise<Page<ListedObligatoryEntry>> {
  return deps.uow.run(async (r) => {
    const { query: q } = await readQuery(r, actor, query);
    return r.obligatoryList.list({
      ...q,
      ...(query.opened === undefined ? {} : { opened: query.opened }),
      page: query.page,
      pageSize: query.pageSize,
    });
  });
}

/** 证照电子化率 per department and in total, within the filter and the reader's scope. */
export async function obligatoryCoverage(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  filter: ObligatoryFilter,
): Promise<ObligatoryCoverage> {
  return deps.uow.run(async (r) => {
    const { query, department } = await readQuery(r, actor, filter);
    const counts = await r.obligatoryList.coverage(query);
    const inRegion = !query.regionPrefix || department?.regionCode.startsWith(query.regionPrefix);
    if (department && counts.length === 0 && inRegion) {
      // A department asked for by name shows even with nothing listed (rate null).
      counts.push({
        departmentId: department.id,
        departmentName: department.name,
        regionCode: department.regionCode,
        listed: 0,
        opened: 0,
      });
    }
    return summarizeObligatoryCoverage(counts);
  });
}
