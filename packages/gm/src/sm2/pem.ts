import { GmError } from '../errors.js';

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const MAX_PEM_CHARS = 1 << 20;

/**
 * Decodes the first PEM block of `text` (RFC 7468, strict base64 body). Linear time: one search
 * for the first BEGIN line and one for its END line.
 */
export function pemDecode(text: string, expectedLabels?: readonly string[]): PemBlock {
  if (text.length > MAX_PEM_CHARS)
    throw new GmError('GM_PEM_TOO_LARGE', 'PEM text too large', { max: MAX_PEM_CHARS });
  const begin = text.indexOf('-----BEGIN ');
  const labelEnd = begin < 0 ? -1 : text.indexOf('-----', begin + 11);
  const label = labelEnd < 0 ? '' : text.slice(begin + 11, labelEnd);
  if (!/^[A-Z0-9 ]{1,64}$/.test(label)) throw new GmError('GM_PEM_FORMAT', 'no PEM block found');
  const endMarker = `-----END ${label}-----`;
  const end = text.indexOf(endMarker, labelEnd + 5);
  if (end < 0) throw new GmError('GM_PEM_FORMAT', `PEM block ${label} has no END line`, { label });
  const rawBody = text.slice(labelEnd + 5, end);
  if (rawBody.includes(':'))
    throw new GmError('GM_PEM_ENCRYPTED', 'encrypted (legacy) PEM is not supported', { label });
  const body = rawBody.replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
    throw new GmError('GM_PEM_FORMAT', 'invalid base64 in PEM body', { label });
  }
  if (expectedLabels && !expectedLabels.includes(label)) {
    throw new GmError('GM_PEM_LABEL', `unexpected PEM label ${label}`, { label, expected: expectedLabels });
  }
  return { label, der: new Uint8Array(Buffer.from(body, 'base64')) };
}

export function pemEncode(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
