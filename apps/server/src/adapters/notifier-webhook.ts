import { createHmac } from 'node:crypto';
import type { NotificationMessage, Notifier } from '@zhengyin/core';

export const WEBHOOK_SIGNATURE_HEADER = 'x-zhengyin-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-zhengyin-timestamp';

/** `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + body): what a receiver recomputes. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookOptions {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
}

/**
 * The webhook transport: POSTs the message as JSON to the configured messaging gateway (which
 * delivers to the recipient's e-mail, SMS or webhook; the platform itself never calls addresses
 * that holders enter). Signed with HMAC-SHA256 over timestamp and body; the dedupe key goes as
 * `Idempotency-Key` so the gateway can drop a repeat. Errors name the status only — never the URL
 * (it may carry a token) or the secret.
 */
export function webhookNotifier(options: WebhookOptions): Notifier {
  const send = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  return {
    async notify(m: NotificationMessage) {
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const body = JSON.stringify({
        dedupeKey: m.dedupeKey,
        channel: m.channel ?? 'webhook',
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
      });
      let response: Response;
      try {
        response = await send(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': m.dedupeKey,
            [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
            [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(options.secret, timestamp, body),
          },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (err) {
        const name = err instanceof Error ? err.name : 'Error';
        throw new Error(
          name === 'TimeoutError'
            ? `webhook timed out after ${options.timeoutMs} ms`
            : `webhook unreachable (${name})`,
        );
      }
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
    },
  };
}
