import { hmacSm3 } from '@zhengyin/gm';
import { bytesToHex, hexToBytes } from '../shared/hex.js';

/**
 * 亮证 token: the holder's dynamic QR. Binary, then base64url (about 95 characters for a USCC holder):
 *
 *   version (1) ‖ licence id (16, the UUID) ‖ expiry (4, Unix seconds) ‖ nonce (12) ‖
 *   holder code type (3, ASCII) ‖ holder code length (1) ‖ holder code (ASCII) ‖ MAC (16)
 *
 * MAC = HMAC-SM3(show-token key, everything before it), cut to 128 bits.
 */
export interface ShowTokenClaims {
  readonly licenseId: string;
  readonly holderCodeType: string;
  readonly holderCode: string;
  /** Hex of the 12 random bytes; consumed once. */
  readonly nonce: string;
  readonly expiresAt: Date;
}

const VERSION = 1;
const MAC_BYTES = 16;
const NONCE_BYTES = 12;
const FIXED = 1 + 16 + 4 + NONCE_BYTES + 3 + 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** Null for anything that is not canonical base64url. */
function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let k = 0;
  for (const c of text) {
    value = (value << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, so that every token has exactly one spelling.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function mac(key: Uint8Array, body: Uint8Array): Uint8Array {
  return hmacSm3(key, body).subarray(0, MAC_BYTES);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function signShowToken(key: Uint8Array, claims: ShowTokenClaims): string {
  const code = ascii(claims.holderCode);
  if (!/^[0-9]{3}$/.test(claims.holderCodeType) || !/^[\x21-\x7e]{1,64}$/.test(claims.holderCode))
    throw new TypeError('holder code must be printable ASCII');
  const body = new Uint8Array(FIXED + code.length);
  body[0] = VERSION;
  body.set(hexToBytes(claims.licenseId.replaceAll('-', '')), 1);
  new DataView(body.buffer).setUint32(17, Math.floor(claims.expiresAt.getTime() / 1000));
  body.set(hexToBytes(claims.nonce), 21);
  body.set(ascii(claims.holderCodeType), 21 + NONCE_BYTES);
  body[FIXED - 1] = code.length;
  body.set(code, FIXED);
  const token = new Uint8Array(body.length + MAC_BYTES);
  token.set(body);
  token.set(mac(key, body), body.length);
  return base64url(token);
}

const uuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** The claims of a token whose MAC is right (expiry not checked here), or null. */
export function openShowToken(key: Uint8Array, token: string): ShowTokenClaims | null {
  if (token.length > 200) return null;
  const bytes = fromBase64url(token);
  if (!bytes || bytes.length < FIXED + 1 + MAC_BYTES || bytes[0] !== VERSION) return null;
  const body = bytes.subarray(0, bytes.length - MAC_BYTES);
  if (!equal(mac(key, body), bytes.subarray(bytes.length - MAC_BYTES))) return null;
  const length = body[FIXED - 1]!;
  if (body.length !== FIXED + length) return null;
  const text = (b: Uint8Array) => String.fromCharCode(...b);
  return {
    licenseId: uuid(bytesToHex(body.subarray(1, 17))),
    expiresAt: new Date(new DataView(body.buffer, body.byteOffset).getUint32(17) * 1000),
    nonce: bytesToHex(body.subarray(21, 21 + NONCE_BYTES)),
    holderCodeType: text(body.subarray(21 + NONCE_BYTES, FIXED - 1)),
    holderCode: text(body.subarray(FIXED)),
  };
}

export const SHOW_TOKEN_NONCE_BYTES = NONCE_BYTES;
