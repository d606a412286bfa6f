import type * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';

/** Small DER writing helpers for places where exact bytes matter (signed structures). */

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  return concatList(parts);
}

/** Like concatBytes, for lists too long to spread as arguments (CRL entries). */
export function concatList(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function tlv(tag: number, ...contents: readonly Uint8Array[]): Uint8Array {
  return tlvOf(tag, contents);
}

/** TLV over a list of contents of any length. */
export function tlvOf(tag: number, contents: readonly Uint8Array[]): Uint8Array {
  const body = concatList(contents);
  return concatList([Uint8Array.of(tag), encodeLength(body.length), body]);
}

export const derSequence = (...parts: readonly Uint8Array[]): Uint8Array => tlv(0x30, ...parts);

/** BIT STRING with no unused bits. */
export const derBitString = (value: Uint8Array): Uint8Array => tlv(0x03, Uint8Array.of(0), value);

export const derOctetString = (value: Uint8Array): Uint8Array => tlv(0x04, value);

export function asn1ToBytes(value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array {
  return new Uint8Array(value.toBER(false));
}

/** Original encoding of a parsed asn1js element (never re-encoded). */
export function originalBytes(value: asn1js.AsnType | asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(value.valueBeforeDecodeView);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[\s:]/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new GmError('GM_INVALID_ARGUMENT', 'invalid hex string');
  return new Uint8Array(Buffer.from(clean, 'hex'));
}
