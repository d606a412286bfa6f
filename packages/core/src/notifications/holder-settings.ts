import { auditEntry } from '../audit/entry.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { maskedHolder } from './recipients.js';
import type { HolderContact, Notification } from './ports.js';

type HolderActor = Extract<Actor, { kind: 'holder' }>;

function holderOnly(actor: Actor): HolderActor {
  if (actor.kind !== 'holder')
    throw new AppError('AUTH_FORBIDDEN', 'only a logged-in holder has notification settings', {
      permission: 'holder',
    });
  return actor;
}

export interface NotificationSettingsInput {
  readonly email: string | null;
  readonly webhook: string | null;
  readonly leadDays: readonly number[] | null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$/;

function invalid(item: string, message: string) {
  return new AppError('NOTIFICATION_SETTINGS_INVALID', message, { problems: [{ item, message }] });
}

/** Normalises and checks the settings: e-mail address, https webhook URL, 1–10 lead days of 1–365. */
export function checkSettings(input: NotificationSettingsInput): NotificationSettingsInput {
  const email = input.email?.trim() || null;
  if (email !== null && (email.length > 254 || !EMAIL.test(email)))
    throw invalid('email', 'an e-mail address like name@example.cn');
  const webhook = input.webhook?.trim() || null;
  if (webhook !== null) {
    let url: URL | null = null;
    try {
      url = new URL(webhook);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || url.username || url.password || webhook.length > 500)
      throw invalid('webhook', 'an https URL without credentials, at most 500 characters');
  }
  let leadDays: number[] | null = null;
  if (input.leadDays !== null) {
    leadDays = [...new Set(input.leadDays)].sort((a, b) => b - a);
    if (
      leadDays.length < 1 ||
      leadDays.length > 10 ||
      leadDays.some((d) => !Number.isInteger(d) || d < 1 || d > 365)
    )
      throw invalid('leadDays', '1–10 whole numbers of days between 1 and 365');
  }
  return { email, webhook, leadDays };
}

export async function getNotificationSettings(deps: Pick<CoreDeps, 'uow'>, actor: Actor) {
  const holder = holderOnly(actor);
  const contact = await deps.uow.run((r) => r.holderContacts.get(holder.holderCodeType, holder.holderCode));
  return {
    email: contact?.email ?? null,
    webhook: contact?.webhook ?? null,
    leadDays: contact?.leadDays ? [...contact.leadDays] : null,
    updatedAt: contact?.updatedAt ?? null,
  };
}

/** The holder sets where reminders and objection results go, and optionally their own lead days. */
export async function setNotificationSettings(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<NotificationSettingsInput>,
) {
  const holder = holderOnly(actor);
  const settings = checkSettings(input);
  const now = deps.clock.now();
  const contact: HolderContact = {
    holderCodeType: holder.holderCodeType,
    holderCode: holder.holderCode,
    email: settings.email,
    webhook: settings.webhook,
    leadDays: settings.leadDays,
    updatedAt: now,
  };
  await deps.uow.run(async (r) => {
    await r.holderContacts.put(contact);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        'holders.notification_settings_updated',
        { type: 'holder', id: maskedHolder(holder.holderCodeType, holder.holderCode) },
        { email: settings.email !== null, webhook: settings.webhook !== null, leadDays: settings.leadDays },
      ),
    );
  });
  return { ...settings, leadDays: settings.leadDays ? [...settings.leadDays] : null, updatedAt: now };
}

/** The holder's own expiry reminders, newest first. */
export async function listHolderReminders(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Notification>> {
  const holder = holderOnly(actor);
  return deps.uow.run((r) =>
    r.notifications.forHolder(
      { codeType: holder.holderCodeType, code: holder.holderCode },
      'expiry_reminder',
      page,
    ),
  );
}
