import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { IsoDateTime } from '../common.js';

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({
    kind: z.enum(['user', 'app', 'holder', 'system', 'anonymous']),
    id: z.string().nullable(),
  }),
  action: z.string(),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  regionCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditChainReport = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  problems: z.array(
    z.object({
      seq: z.number().int().nullable(),
      kind: z.enum(['HASH_MISMATCH', 'PREVIOUS_HASH_MISMATCH', 'SEQUENCE_GAP', 'HEAD_MISMATCH']),
      message: z.string(),
    }),
  ),
});

export const ApiCall = z.object({
  id: z.number().int(),
  at: z.string(),
  requestId: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  latencyMs: z.number().int(),
  clientIp: z.string().nullable(),
});

export const auditEndpoints = {
  listAuditEvents: endpoint({
    id: 'listAuditEvents',
    method: 'GET',
    path: '/api/v1/audit/events',
    summary: 'Query the audit trail (auditors only); newest first, cursor by sequence',
    tag: 'audit',
    auth: 'user',
    query: z
      .object({
        actorId: z.string().max(64).optional(),
        actorKind: z.enum(['user', 'app', 'holder', 'system', 'anonymous']).optional(),
        action: z.string().max(128).optional(),
        targetType: z.string().max(64).optional(),
        targetId: z.string().max(128).optional(),
        from: IsoDateTime.optional(),
        to: IsoDateTime.optional(),
        beforeSeq: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      })
      .strict(),
    response: z.object({ items: z.array(AuditEvent), nextBeforeSeq: z.number().int().nullable() }),
  }),
  verifyAuditChain: endpoint({
    id: 'verifyAuditChain',
    method: 'GET',
    path: '/api/v1/audit/verify',
    summary: 'Verify the whole hash chain of the audit trail (auditors only)',
    tag: 'audit',
    auth: 'user',
    response: AuditChainReport,
  }),
  listApiCalls: endpoint({
    id: 'listApiCalls',
    method: 'GET',
    path: '/api/v1/audit/api-calls',
    summary: 'The API call log (接口调用日志), newest first (auditors only)',
    tag: 'audit',
    auth: 'user',
    query: z
      .object({
        actorId: z.string().max(64).optional(),
        beforeId: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      })
      .strict(),
    response: z.object({ items: z.array(ApiCall), nextBeforeId: z.number().int().nullable() }),
  }),
};
