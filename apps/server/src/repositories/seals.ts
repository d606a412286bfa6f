import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  ApprovalStep,
  BusinessPurpose,
  Seal,
  SealAlgorithm,
  SealOwner,
  SealRepository,
  SealRevocationRepository,
  SealStatus,
  SealType,
  SealUseRepository,
  SealUseRequest,
  SealUseStatus,
} from '@zhengyin/core';
import type { DB, SealUseRequestsTable, SealsTable } from '../db/schema.js';
import { json, likePattern, pageBounds, toNumber } from './rows.js';

const bytes = (b: Uint8Array | null) => (b ? new Uint8Array(b) : null);

const toSeal = (r: Selectable<SealsTable>): Seal => ({
  id: r.id,
  code: r.code,
  type: r.type as SealType,
  purpose: r.purpose as BusinessPurpose | null,
  name: r.name,
  owner: r.owner as unknown as SealOwner,
  departmentId: r.department_id,
  regionCode: r.region_code,
  status: r.status as SealStatus,
  algorithm: r.algorithm as SealAlgorithm,
  keeperId: r.keeper_id,
  applicantId: r.applicant_id,
  reason: r.reason,
  approvalSteps: r.approval_steps as ApprovalStep[],
  approvalsDone: r.approvals_done,
  image:
    r.image_png && r.image_shape
      ? {
          shape: r.image_shape as 'round' | 'oval' | 'square' | 'uploaded',
          png: new Uint8Array(r.image_png),
          svg: r.image_svg,
          widthMm: r.image_width_mm ?? 0,
          heightMm: r.image_height_mm ?? 0,
        }
      : null,
  keyRef: r.key_ref,
  certificate: bytes(r.certificate),
  sesSeal: bytes(r.ses_seal),
  sealVersion: r.seal_version,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  replacesSealId: r.replaces_seal_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const columns = (s: Seal) => ({
  code: s.code,
  type: s.type,
  purpose: s.purpose,
  name: s.name,
  owner: json(s.owner),
  department_id: s.departmentId,
  region_code: s.regionCode,
  status: s.status,
  algorithm: s.algorithm,
  keeper_id: s.keeperId,
  applicant_id: s.applicantId,
  reason: s.reason,
  approval_steps: json(s.approvalSteps),
  approvals_done: s.approvalsDone,
  image_shape: s.image?.shape ?? null,
  image_png: s.image?.png ?? null,
  image_svg: s.image?.svg ?? null,
  image_width_mm: s.image?.widthMm ?? null,
  image_height_mm: s.image?.heightMm ?? null,
  key_ref: s.keyRef,
  certificate: s.certificate,
  ses_seal: s.sesSeal,
  seal_version: s.sealVersion,
  valid_from: s.validFrom,
  valid_to: s.validTo,
  replaces_seal_id: s.replacesSealId,
  updated_at: s.updatedAt,
  version: s.version,
});

export function sealRepository(db: Kysely<DB>): SealRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('seals').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSeal(row) : null;
    },
    async getForUpdate(id) {
      const row = await db
        .selectFrom('seals')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toSeal(row) : null;
    },
    async getByCode(code) {
      const row = await db.selectFrom('seals').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toSeal(row) : null;
    },
    async insert(seal) {
      await db
        .insertInto('seals')
        .values({ id: seal.id, created_at: seal.createdAt, ...columns(seal) })
        .execute();
    },
    async update(seal, expectedVersion) {
      const result = await db
        .updateTable('seals')
        .set(columns(seal))
        .where('id', '=', seal.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async list({ q, status, type, departmentId, prefixes, page, pageSize }) {
      let query = db.selectFrom('seals');
      if (q) query = query.where((eb) => eb.or([eb('name', 'ilike', likePattern(q)), eb('code', '=', q)]));
      if (status) query = query.where('status', '=', status);
      if (type) query = query.where('type', '=', type);
      if (departmentId) query = query.where('department_id', '=', departmentId);
      if (prefixes) {
        if (prefixes.length === 0) return { items: [], total: 0, page, pageSize };
        query = query.where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toSeal), total: toNumber(count), page, pageSize };
    },
    async nextSerial(regionCode) {
      const row = await db
        .insertInto('seal_code_serials')
        .values({ region_code: regionCode, last_serial: 1 })
        .onConflict((oc) =>
          oc.column('region_code').doUpdateSet({ last_serial: sql`seal_code_serials.last_serial + 1` }),
        )
        .returning('last_serial')
        .executeTakeFirstOrThrow();
      return row.last_serial;
    },
    async addReview(r) {
      await db
        .insertInto('seal_reviews')
        .values({
          seal_id: r.sealId,
          step: r.step,
          reviewer_id: r.reviewerId,
          decision: r.decision,
          comment: r.comment,
          at: r.at,
        })
        .execute();
    },
    async reviews(sealId) {
      const rows = await db
        .selectFrom('seal_reviews')
        .selectAll()
        .where('seal_id', '=', sealId)
        .orderBy('at')
        .execute();
      return rows.map((r) => ({
        sealId: r.seal_id,
        step: r.step,
        reviewerId: r.reviewer_id,
        decision: r.decision,
        comment: r.comment,
        at: r.at,
      }));
    },
    async addStatusEvent(e) {
      await db
        .insertInto('seal_status_events')
        .values({
          seal_id: e.sealId,
          status: e.status,
          action: e.action,
          reason: e.reason,
          actor_id: e.actorId,
          at: e.at,
        })
        .execute();
    },
    async statusEvents(sealId) {
      const rows = await db
        .selectFrom('seal_status_events')
        .selectAll()
        .where('seal_id', '=', sealId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        sealId: r.seal_id,
        status: r.status as SealStatus,
        action: r.action,
        reason: r.reason,
        actorId: r.actor_id,
        at: r.at,
      }));
    },
    async upsertFiling(f) {
      const values = {
        seal_id: f.sealId,
        made_at: f.madeAt,
        filed_at: f.filedAt,
        filing_number: f.filingNumber,
        authority: f.authority,
        filed_by: f.filedBy,
      };
      await db
        .insertInto('seal_filings')
        .values(values)
        .onConflict((oc) => oc.column('seal_id').doUpdateSet(values))
        .execute();
    },
    async filing(sealId) {
      const r = await db
        .selectFrom('seal_filings')
        .selectAll()
        .where('seal_id', '=', sealId)
        .executeTakeFirst();
      return r
        ? {
            sealId: r.seal_id,
            madeAt: r.made_at,
            filedAt: r.filed_at,
            filingNumber: r.filing_number,
            authority: r.authority,
            filedBy: r.filed_by,
          }
        : null;
    },
    async addVersion(v) {
      await db
        .insertInto('seal_versions')
        .values({
          seal_id: v.sealId,
          version: v.version,
          certificate: v.certificate,
          ses_seal: v.sesSeal,
          valid_from: v.validFrom,
          valid_to: v.validTo,
          created_at: v.createdAt,
        })
        .execute();
    },
    async versions(sealId) {
      const rows = await db
        .selectFrom('seal_versions')
        .selectAll()
        .where('seal_id', '=', sealId)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({
        sealId: r.seal_id,
        version: r.version,
        certificate: new Uint8Array(r.certificate),
        sesSeal: new Uint8Array(r.ses_seal),
        validFrom: r.valid_from,
        validTo: r.valid_to,
        createdAt: r.created_at,
      }));
    },
    async addAttachment(a) {
      await db
        .insertInto('seal_attachments')
        .values({
          id: a.id,
          seal_id: a.sealId,
          name: a.name,
          content_type: a.contentType,
          sha256: a.sha256,
          size: a.size,
          bytes: a.bytes,
        })
        .execute();
    },
    async attachments(sealId) {
      const rows = await db
        .selectFrom('seal_attachments')
        .select(['id', 'seal_id', 'name', 'content_type', 'sha256', 'size'])
        .where('seal_id', '=', sealId)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        sealId: r.seal_id,
        name: r.name,
        contentType: r.content_type,
        sha256: r.sha256,
        size: r.size,
      }));
    },
    async listExpiring(at, limit) {
      const rows = await db
        .selectFrom('seals')
        .selectAll()
        .where('status', 'in', ['active', 'suspended'])
        .where('valid_to', '<=', at)
        .orderBy('valid_to')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      return rows.map(toSeal);
    },
    async approvalChain(regionCode) {
      // The chain of the nearest configured region at or above the seal's region.
      const candidates = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
      const rows = await db
        .selectFrom('seal_approval_chains')
        .selectAll()
        .where('region_code', 'in', candidates)
        .execute();
      for (const code of candidates) {
        const row = rows.find((r) => r.region_code === code);
        if (row) return row.steps as ApprovalStep[];
      }
      return null;
    },
    async setApprovalChain(regionCode, steps) {
      await db
        .insertInto('seal_approval_chains')
        .values({ region_code: regionCode, steps: json(steps) })
        .onConflict((oc) => oc.column('region_code').doUpdateSet({ steps: json(steps) }))
        .execute();
    },
    async keepers(departmentId) {
      const rows = await db
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .where('user_roles.role', '=', 'seal_keeper')
        .where('user_roles.department_id', '=', departmentId)
        .where('users.active', '=', true)
        .select(['users.id', 'users.username', 'users.display_name'])
        .distinct()
        .orderBy('users.display_name')
        .orderBy('users.id')
        .execute();
      return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
    },
  };
}

const toUseRequest = (r: Selectable<SealUseRequestsTable>): SealUseRequest => ({
  id: r.id,
  sealId: r.seal_id,
  requesterId: r.requester_id,
  reason: r.reason,
  documentName: r.document_name,
  documentSha256: r.document_sha256,
  usesAllowed: r.uses_allowed,
  usesDone: r.uses_done,
  status: r.status as SealUseStatus,
  approverId: r.approver_id,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

export function sealUseRepository(db: Kysely<DB>): SealUseRepository {
  return {
    async get(id) {
      const row = await db
        .selectFrom('seal_use_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toUseRequest(row) : null;
    },
    async getForUpdate(id) {
      const row = await db
        .selectFrom('seal_use_requests')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toUseRequest(row) : null;
    },
    async insert(u) {
      await db
        .insertInto('seal_use_requests')
        .values({
          id: u.id,
          seal_id: u.sealId,
          requester_id: u.requesterId,
          reason: u.reason,
          document_name: u.documentName,
          document_sha256: u.documentSha256,
          uses_allowed: u.usesAllowed,
          uses_done: u.usesDone,
          status: u.status,
          approver_id: u.approverId,
          decided_at: u.decidedAt,
          created_at: u.createdAt,
        })
        .execute();
    },
    async update(u) {
      await db
        .updateTable('seal_use_requests')
        .set({ uses_done: u.usesDone, status: u.status, approver_id: u.approverId, decided_at: u.decidedAt })
        .where('id', '=', u.id)
        .execute();
    },
    async list(sealId) {
      const rows = await db
        .selectFrom('seal_use_requests')
        .selectAll()
        .where('seal_id', '=', sealId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toUseRequest);
    },
    async addUsage(u) {
      await db
        .insertInto('seal_usages')
        .values({
          id: u.id,
          seal_id: u.sealId,
          use_request_id: u.useRequestId,
          signer_id: u.signerId,
          approver_id: u.approverId,
          reason: u.reason,
          document_sha256: u.documentSha256,
          sealed_sha256: u.sealedSha256,
          at: u.at,
        })
        .execute();
    },
    async usages(sealId, { page, pageSize }) {
      const base = db.selectFrom('seal_usages').where('seal_id', '=', sealId);
      const { count } = await base.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await base.selectAll().orderBy('at', 'desc').limit(limit).offset(offset).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          sealId: r.seal_id,
          useRequestId: r.use_request_id,
          signerId: r.signer_id,
          approverId: r.approver_id,
          reason: r.reason,
          documentSha256: r.document_sha256,
          sealedSha256: r.sealed_sha256,
          at: r.at,
        })),
        total: toNumber(count),
        page,
        pageSize,
      };
    },
  };
}

export function sealRevocationRepository(db: Kysely<DB>): SealRevocationRepository {
  return {
    async get(sealId) {
      const r = await db
        .selectFrom('seal_revocations')
        .selectAll()
        .where('seal_id', '=', sealId)
        .executeTakeFirst();
      return r ? { pdf: new Uint8Array(r.pdf), createdAt: r.created_at } : null;
    },
    async insert(sealId, pdf, createdAt) {
      await db
        .insertInto('seal_revocations')
        .values({ seal_id: sealId, pdf, created_at: createdAt })
        .execute();
    },
  };
}
