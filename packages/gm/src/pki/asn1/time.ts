import type * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { tlv } from './der.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function checkDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new GmError('GM_INVALID_ARGUMENT', 'invalid date');
  }
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new GmError('GM_INVALID_ARGUMENT', 'date outside years 1..9999');
}

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

/** RFC 5280 Time: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds, UTC. */
export function encodeX509Time(date: Date): Uint8Array {
  checkDate(date);
  const y = date.getUTCFullYear();
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, ascii(pad(y % 100) + rest));
  return tlv(0x18, ascii(pad(y, 4) + rest));
}

/** GeneralizedTime in UTC; with `millis`, a fraction without trailing zeros (RFC 3161 genTime). */
export function encodeGeneralizedTime(date: Date, millis = false): Uint8Array {
  checkDate(date);
  let text =
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds());
  const ms = date.getUTCMilliseconds();
  if (millis && ms > 0) text += '.' + pad(ms, 3).replace(/0+$/, '');
  return tlv(0x18, ascii(text + 'Z'));
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GEN_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{4})?$/;

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string,
  zone: string | undefined,
): Date | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Day count of the month; years below 100 borrow a year 400 later (same calendar).
  const daysInMonth = new Date(Date.UTC(year < 100 ? year + 400 : year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(
    hour,
    minute,
    Math.min(second, 59),
    fraction ? Math.floor(Number('0.' + fraction) * 1000) : 0,
  );
  let ms = date.getTime();
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    ms -= sign * offset * 60_000;
  }
  return new Date(ms);
}

/** Date of a parsed UTCTime / GeneralizedTime node; GM_ASN1_BAD_TIME when it is neither or invalid. */
export function decodeTime(node: asn1js.AsnType | undefined, what = 'time'): Date {
  if (!node || node.idBlock.tagClass !== 1 || node.idBlock.isConstructed) return badTime(what);
  const raw = (node as asn1js.BaseBlock).valueBeforeDecodeView;
  const header = node.idBlock.blockLength + node.lenBlock.blockLength;
  return decodeTimeContents(
    node.idBlock.tagNumber === 23 ? 0x17 : node.idBlock.tagNumber === 24 ? 0x18 : 0,
    raw.subarray(header),
    what,
  );
}

const badTime = (what: string): never => {
  throw new GmError('GM_ASN1_BAD_TIME', `${what}: not a valid UTCTime / GeneralizedTime`, { what });
};

/** Date of UTCTime (tag 0x17) or GeneralizedTime (0x18) contents. */
export function decodeTimeContents(tag: number, bytes: Uint8Array, what = 'time'): Date {
  if (bytes.length > 40) return badTime(what);
  const text = String.fromCharCode(...bytes);
  let date: Date | undefined;
  if (tag === 0x17) {
    const m = UTC_TIME.exec(text);
    if (!m) return badTime(what);
    const yy = Number(m[1]);
    date = build(
      yy >= 50 ? 1900 + yy : 2000 + yy,
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
      '',
      m[7],
    );
  } else if (tag === 0x18) {
    const m = GEN_TIME.exec(text);
    if (!m) return badTime(what);
    date = build(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      m[7] ?? '',
      m[8],
    );
  }
  return date ?? badTime(what);
}
