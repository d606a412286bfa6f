import { createTransport } from 'nodemailer';
import type { NotificationMessage, Notifier } from '@zhengyin/core';

export interface SmtpOptions {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly from: string;
  readonly user?: string;
  readonly password?: string;
  readonly timeoutMs: number;
}

/** The SMTP transport (nodemailer): plain-text mail to the recipient; the dedupe key as a header. */
export function smtpNotifier(options: SmtpOptions): Notifier & { close(): void } {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    async notify(m: NotificationMessage) {
      if (m.channel && m.channel !== 'email')
        throw new Error(`the SMTP transport sends e-mail, not ${m.channel}`);
      try {
        await transport.sendMail({
          from: options.from,
          to: m.recipient,
          subject: m.subject,
          text: m.body,
          headers: { 'X-Zhengyin-Dedupe-Key': m.dedupeKey },
        });
      } catch (err) {
        const code = (err as { code?: string; responseCode?: number }) ?? {};
        throw new Error(
          `SMTP refused the message (${code.code ?? 'error'} ${code.responseCode ?? ''})`.trim(),
        );
      }
    },
    close: () => transport.close(),
  };
}
