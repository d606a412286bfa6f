import { maskValue } from '../catalog/data-items.js';
import type { HolderContact, NotificationChannel } from './ports.js';

/** The masked holder code used wherever the holder has no contact (logs carry nothing more). */
export function maskedHolder(codeType: string, code: string): string {
  return `holder:${codeType}:${maskValue(code, { kind: 'partial', keepStart: 4, keepEnd: 4 })}`;
}

/** Where a holder's notifications go: e-mail, else webhook, else only the log (masked code). */
export function holderRecipient(
  holder: { codeType: string; code: string },
  contact: HolderContact | null,
): { channel: NotificationChannel; recipient: string } {
  if (contact?.email) return { channel: 'email', recipient: contact.email };
  if (contact?.webhook) return { channel: 'webhook', recipient: contact.webhook };
  return { channel: 'log', recipient: maskedHolder(holder.codeType, holder.code) };
}
