import type { AuditAction } from '../audit/actions.js';
import { auditEntry } from '../audit/entry.js';
import type { AuditEntry } from '../audit/ports.js';
import type { KeyCaller } from './ports.js';

export type KeyAuditAction = Extract<AuditAction, `keys.${string}`>;

export const keyTarget = (keyRef: string) => ({ type: 'key', id: keyRef, regionCode: null });

/** The audit event of a vault state change, appended in the transaction of the change. */
export function keyAuditEntry(
  by: KeyCaller,
  at: Date,
  action: KeyAuditAction,
  keyRef: string | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return auditEntry(by.actor, by.meta, at, action, keyRef === null ? null : keyTarget(keyRef), details);
}
