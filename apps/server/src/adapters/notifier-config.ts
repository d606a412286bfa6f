import type { Logger } from 'pino';
import type { Notifier } from '@zhengyin/core';
import type { Config } from '../config/schema.js';
import { logNotifier } from './notifier-log.js';
import { smtpNotifier } from './notifier-smtp.js';
import { webhookNotifier } from './notifier-webhook.js';

/**
 * The transport configured by ZHENGYIN_NOTIFIER. Messages without a contact (channel `log`) are
 * only logged in every mode; with `smtp`, e-mails go by SMTP and webhook-channel messages are
 * logged; with `webhook`, everything else goes to the messaging gateway.
 */
export function configuredNotifier(config: Config, logger: Logger): Notifier {
  const log = logNotifier(logger);
  switch (config.ZHENGYIN_NOTIFIER) {
    case 'log':
      return log;
    case 'webhook': {
      if (!config.ZHENGYIN_NOTIFIER_WEBHOOK_URL || !config.ZHENGYIN_NOTIFIER_WEBHOOK_SECRET)
        throw new Error('ZHENGYIN_NOTIFIER=webhook needs ZHENGYIN_NOTIFIER_WEBHOOK_URL and _SECRET');
      const webhook = webhookNotifier({
        url: config.ZHENGYIN_NOTIFIER_WEBHOOK_URL,
        secret: config.ZHENGYIN_NOTIFIER_WEBHOOK_SECRET,
        timeoutMs: config.ZHENGYIN_NOTIFIER_TIMEOUT_MS,
      });
      return { notify: (m) => (m.channel === 'log' ? log.notify(m) : webhook.notify(m)) };
    }
    case 'smtp': {
      if (!config.ZHENGYIN_SMTP_HOST || !config.ZHENGYIN_SMTP_FROM)
        throw new Error('ZHENGYIN_NOTIFIER=smtp needs ZHENGYIN_SMTP_HOST and ZHENGYIN_SMTP_FROM');
      const smtp = smtpNotifier({
        host: config.ZHENGYIN_SMTP_HOST,
        port: config.ZHENGYIN_SMTP_PORT,
        secure: config.ZHENGYIN_SMTP_SECURE,
        from: config.ZHENGYIN_SMTP_FROM,
        ...(config.ZHENGYIN_SMTP_USER ? { user: config.ZHENGYIN_SMTP_USER } : {}),
        ...(config.ZHENGYIN_SMTP_PASSWORD ? { password: config.ZHENGYIN_SMTP_PASSWORD } : {}),
        timeoutMs: config.ZHENGYIN_NOTIFIER_TIMEOUT_MS,
      });
      return { notify: (m) => (m.channel === 'email' ? smtp.notify(m) : log.notify(m)) };
    }
  }
}
