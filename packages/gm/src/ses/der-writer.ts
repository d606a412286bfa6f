import * as asn1js from 'asn1js';
import { GmError } from '../errors.js';

/** Small DER builders: containers are concatenated from exact element bytes, never re-encoded. */

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV with a single-byte identifier (enough for every SES tag). */
export const tlv = (identifier: number, content: Uint8Array): Uint8Array =>
  concat([Uint8Array.of(identifier), lengthOctets(content.length), content]);

export const derSequence = (...parts: readonly Uint8Array[]): Uint8Array => tlv(0x30, concat(parts));

export const derOctets = (bytes: Uint8Array): Uint8Array => tlv(0x04, bytes);

export const derBits = (bytes: Uint8Array): Uint8Array => tlv(0x03, concat([Uint8Array.of(0), bytes]));

export const derBoolean = (value: boolean): Uint8Array => tlv(0x01, Uint8Array.of(value ? 0xff : 0));

export const derInteger = (value: number | bigint): Uint8Array => {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new GmError('GM_SES_INVALID_FIELD', `INTEGER ${value} is not a safe integer`);
  }
  return new Uint8Array(asn1js.Integer.fromBigInt(BigInt(value)).toBER());
};

export function derOid(oid: string): Uint8Array {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid)) throw new GmError('GM_SES_INVALID_FIELD', `invalid OID ${oid}`);
  return new Uint8Array(new asn1js.ObjectIdentifier({ value: oid }).toBER());
}

const asciiOnly = (text: string, what: string): Uint8Array => {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text))
    throw new GmError('GM_SES_INVALID_FIELD', `${what} must be ASCII (IA5String)`);
  return new TextEncoder().encode(text);
};

export const derIa5 = (text: string, what = 'IA5String'): Uint8Array => tlv(0x16, asciiOnly(text, what));

export const derPrintable = (text: string, what = 'PrintableString'): Uint8Array => {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) {
    throw new GmError('GM_SES_INVALID_FIELD', `${what} has characters outside PrintableString`);
  }
  return tlv(0x13, new TextEncoder().encode(text));
};

export const derUtf8 = (text: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(text));

/** Context-specific [n]: constructed wraps element bytes (EXPLICIT / IMPLICIT SEQUENCE OF). */
export const derContextConstructed = (n: number, content: Uint8Array): Uint8Array => tlv(0xa0 | n, content);

export const derContextPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);
