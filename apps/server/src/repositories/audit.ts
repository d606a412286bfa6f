import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ApiCallLog, AuditLog, AuditReader, AuditRecord } from '@zhengyin/core';
import { auditHash, canonicalJson } from '@zhengyin/core';
import type { AuditEventsTable, DB } from '../db/schema.js';
import { json, toNumber } from './rows.js';

const toRecord = (r: Selectable<AuditEventsTable>): AuditRecord => ({
  seq: toNumber(r.seq),
  at: r.at,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  regionCode: r.region_code,
  details: r.details,
  requestId: r.request_id,
  clientIp: r.client_ip,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Appends to the hash chain inside the caller's transaction. The head row is locked first, so
 * concurrent transactions append one after the other and the chain stays linear.
 */
export function auditLog(db: Kysely<DB>): AuditLog {
  return {
    async append(entry) {
      const head = await db
        .selectFrom('audit_head')
        .selectAll()
        .where('id', '=', 1)
        .forUpdate()
        .executeTakeFirstOrThrow();
      // Round-trip through canonical JSON so what is stored is exactly what was hashed.
      const details = JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>;
      const at = new Date(entry.at.getTime());
      const unhashed = {
        seq: toNumber(head.seq) + 1,
        at,
        actorKind: entry.actorKind,
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        regionCode: entry.regionCode ?? null,
        details,
        requestId: entry.requestId,
        clientIp: entry.clientIp,
        prevHash: head.hash,
      };
      const record: AuditRecord = { ...unhashed, hash: auditHash(unhashed) };
      await db
        .insertInto('audit_events')
        .values({
          seq: record.seq,
          at: record.at,
          actor_kind: record.actorKind,
          actor_id: record.actorId,
          action: record.action,
          target_type: record.targetType,
          target_id: record.targetId,
          region_code: record.regionCode,
          details: json(record.details),
          request_id: record.requestId,
          client_ip: record.clientIp,
          prev_hash: record.prevHash,
          hash: record.hash,
        })
        .execute();
      await db
        .updateTable('audit_head')
        .set({ seq: record.seq, hash: record.hash })
        .where('id', '=', 1)
        .execute();
      return record;
    },
  };
}

export function auditReader(db: Kysely<DB>): AuditReader {
  return {
    async query(q) {
      let query = db.selectFrom('audit_events').selectAll();
      if (q.actorId) query = query.where('actor_id', '=', q.actorId);
      if (q.actorKind) query = query.where('actor_kind', '=', q.actorKind);
      if (q.action) query = query.where('action', '=', q.action);
      if (q.targetType) query = query.where('target_type', '=', q.targetType);
      if (q.targetId) query = query.where('target_id', '=', q.targetId);
      if (q.from) query = query.where('at', '>=', q.from);
      if (q.to) query = query.where('at', '<', q.to);
      if (q.regionPrefix) query = query.where('region_code', 'like', `${q.regionPrefix}%`);
      if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
      const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
      return rows.map(toRecord);
    },
    async *scan(batchSize = 1000) {
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('audit_events')
          .selectAll()
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(batchSize)
          .execute();
        for (const r of rows) yield toRecord(r);
        if (rows.length < batchSize) return;
        after = toNumber(rows.at(-1)!.seq);
      }
    },
    async head() {
      const h = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      return { seq: toNumber(h.seq), hash: h.hash };
    },
  };
}

export function apiCallLog(db: Kysely<DB>): ApiCallLog {
  return {
    // One parameter per column (unnest), not one per value: a batch costs the same to build and send
    // whatever its size.
    async recordMany(calls) {
      if (calls.length === 0) return;
      const column = <T>(pick: (c: (typeof calls)[number]) => T) => calls.map(pick);
      await sql`insert into api_calls
          (at, request_id, actor_kind, actor_id, method, path, status, latency_ms, client_ip)
        select * from unnest(
          ${column((c) => c.at.toISOString())}::timestamptz[], ${column((c) => c.requestId)}::text[],
          ${column((c) => c.actorKind)}::text[], ${column((c) => c.actorId)}::text[],
          ${column((c) => c.method)}::text[], ${column((c) => c.path)}::text[],
          ${column((c) => c.status)}::int[], ${column((c) => c.latencyMs)}::int[],
          ${column((c) => c.clientIp)}::text[])`.execute(db);
    },
    async list({ actorId, beforeId, limit }) {
      let query = db.selectFrom('api_calls').selectAll();
      if (actorId) query = query.where('actor_id', '=', actorId);
      if (beforeId) query = query.where('id', '<', beforeId);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: toNumber(r.id),
        at: r.at,
        requestId: r.request_id,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        method: r.method,
        path: r.path,
        status: r.status,
        latencyMs: r.latency_ms,
        clientIp: r.client_ip,
      }));
    },
  };
}
