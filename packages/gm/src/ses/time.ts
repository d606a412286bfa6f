import { GmError } from '../errors.js';
import type { SesTime } from './types.js';

/**
 * Times in SES: GeneralizedTime (v4), UTCTime (v1 validity) and, in v1 TBS_Sign, a BIT STRING
 * holding text such as `2020-01-25T07:31:56.377Z`. A missing zone is read as UTC; real seals
 * write local time with a `Z`, which is on file and therefore what is compared.
 */

function instant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  zone: string | undefined,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!m) return undefined;
    const h = Number(m[2]);
    const min = Number(m[3] ?? '0');
    if (h > 23 || min > 59) return undefined;
    offsetMinutes = (m[1] === '-' ? -1 : 1) * (h * 60 + min);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

const GENERALIZED =
  /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?:\d{2})?)?$/;
const UTC = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?$/;
const ISO_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseGeneralizedTime(text: string): Date | undefined {
  const m = GENERALIZED.exec(text);
  if (!m) return undefined;
  return instant(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +(m[5] ?? 0), +(m[6] ?? 0), m[7], m[8]);
}

export function parseUtcTime(text: string): Date | undefined {
  const m = UTC.exec(text);
  if (!m) return undefined;
  const yy = +m[1]!;
  return instant(
    yy < 50 ? 2000 + yy : 1900 + yy,
    +m[2]!,
    +m[3]!,
    +m[4]!,
    +m[5]!,
    +(m[6] ?? 0),
    undefined,
    m[7],
  );
}

/** Free-form text time seen inside v1 BIT STRINGs: ISO 8601 or GeneralizedTime digits. */
export function parseTextTime(text: string): Date | undefined {
  const m = ISO_TEXT.exec(text.trim());
  if (m) return instant(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), m[7], m[8]);
  return parseGeneralizedTime(text.trim());
}

/** DER GeneralizedTime text `YYYYMMDDHHMMSSZ` (whole seconds, as real SES files use). */
export function formatGeneralizedTime(date: Date): string {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new GmError('GM_SES_INVALID_FIELD', 'invalid date');
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new GmError('GM_SES_INVALID_FIELD', `year ${year} is out of range`);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    p(year, 4) +
    p(date.getUTCMonth() + 1) +
    p(date.getUTCDate()) +
    p(date.getUTCHours()) +
    p(date.getUTCMinutes()) +
    p(date.getUTCSeconds()) +
    'Z'
  );
}

export function generalizedTime(date: Date): SesTime {
  const text = formatGeneralizedTime(date);
  return { form: 'GeneralizedTime', text, date: parseGeneralizedTime(text) };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function bitStringTime(bytes: Uint8Array): SesTime {
  const text = new TextDecoder('latin1').decode(bytes);
  if (bytes.length === 0 || !PRINTABLE_ASCII.test(text))
    return { form: 'BitString', text: '', date: undefined, bytes };
  return { form: 'BitString', text, date: parseTextTime(text), bytes };
}
