import type { Actor, RequestMeta } from '../shared/actor.js';
import { actorId } from '../shared/actor.js';
import type { AuditAction } from './actions.js';
import type { AuditEntry } from './ports.js';

export interface AuditTarget {
  readonly type: string;
  readonly id: string;
  readonly regionCode?: string | null;
}

/** Builds the audit entry for an action of `actor` during the request described by `meta`. */
export function auditEntry(
  actor: Actor,
  meta: RequestMeta,
  at: Date,
  action: AuditAction,
  target: AuditTarget | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    action,
    actorKind: actor.kind,
    actorId: actorId(actor),
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    regionCode: target?.regionCode ?? null,
    details,
    requestId: meta.requestId,
    clientIp: meta.clientIp,
    at,
  };
}
