import type { Logger } from 'pino';
import type { NotificationMessage, Notifier } from '@zhengyin/core';

/** Masks a recipient for logs: e-mail → a***@domain, URL → its origin, anything else kept (already masked). */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0 && !recipient.includes('://')) return `${recipient[0]}***${recipient.slice(at)}`;
  if (/^https?:\/\//.test(recipient)) {
    try {
      return `${new URL(recipient).origin}/…`;
    } catch {
      return '[url]';
    }
  }
  return recipient;
}

/**
 * The log transport: records that a notification was due — dedupe key, channel, masked recipient,
 * subject — never the body (it names licence numbers) or a full address.
 */
export function logNotifier(logger: Logger): Notifier {
  return {
    notify(m: NotificationMessage) {
      logger.info(
        {
          notification: {
            dedupeKey: m.dedupeKey,
            channel: m.channel ?? 'log',
            recipient: maskRecipient(m.recipient),
            subject: m.subject,
          },
        },
        'notification',
      );
      return Promise.resolve();
    },
  };
}
