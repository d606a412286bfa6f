import type { NotificationChannel, NotificationKind } from '../notifications/ports.js';
import { holderRecipient } from '../notifications/recipients.js';
import type { Ids } from '../shared/runtime.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { Objection } from './types.js';

const STATUS_TEXT: Record<string, string> = {
  acknowledged: '已受理并标注（异议标注）',
  rejected: '经核实不予更正',
  corrected: '经核实已更正，新版本电子证照已签发',
};

/**
 * Queues the requester's notification about `o` in the caller's transaction (outbox, unique key
 * `objection:<id>:<event>`): to the e-mail given with the objection, else the holder's own contact,
 * else the log (masked holder code or the department id).
 */
export async function notifyRequester(
  r: Repositories,
  ids: Ids,
  o: Objection,
  event: 'acknowledged' | 'resolved',
  now: Date,
): Promise<void> {
  const q = o.requester;
  let route: { channel: NotificationChannel; recipient: string };
  if (q.contactEmail) route = { channel: 'email', recipient: q.contactEmail };
  else if (q.holderCodeType && q.holderCode)
    route = holderRecipient(
      { codeType: q.holderCodeType, code: q.holderCode },
      await r.holderContacts.get(q.holderCodeType, q.holderCode),
    );
  else route = { channel: 'log', recipient: `department:${q.departmentId ?? 'unknown'}` };
  const kind: NotificationKind = event === 'acknowledged' ? 'objection_acknowledged' : 'objection_resolved';
  const lines = [
    `您对${o.typeName}（电子证照标识 ${o.licenseIdentifier}）提出的异议${STATUS_TEXT[o.status] ?? o.status}。`,
  ];
  if (event === 'acknowledged') lines.push(`处理结果将于 ${o.resolveDueAt.toISOString()} 前告知。`);
  if (o.status === 'rejected' && o.resolution) lines.push(`理由：${o.resolution}`);
  if (o.status === 'corrected' && o.correctedIdentifier)
    lines.push(`新版本电子证照标识：${o.correctedIdentifier}`);
  await r.notifications.enqueue({
    id: ids.uuid(),
    dedupeKey: `objection:${o.id}:${event}`,
    kind,
    ...route,
    subject: `电子证照异议处理${event === 'acknowledged' ? '受理' : '结果'}通知`,
    body: lines.join('\n'),
    holderCodeType: q.holderCodeType,
    holderCode: q.holderCode,
    licenseId: o.licenseId,
    reference: o.id,
    details: { status: o.status },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    sentAt: null,
  });
}
