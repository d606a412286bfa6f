import { createHash } from 'node:crypto';
import { GmError } from '../../errors.js';

export type Pkcs12Hash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'sm3';

// [output length u, block length v] in bytes.
const SIZES: Record<Pkcs12Hash, [number, number]> = {
  sha1: [20, 64],
  sha224: [28, 64],
  sha256: [32, 64],
  sha384: [48, 128],
  sha512: [64, 128],
  sm3: [32, 64],
};

export const PKCS12_KDF_KEY = 1;
export const PKCS12_KDF_IV = 2;
export const PKCS12_KDF_MAC = 3;

/** PKCS#12 passwords: BMPString (UTF-16BE) with a terminating zero character (RFC 7292 B.1). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

function repeatTo(data: Uint8Array, v: number): Uint8Array {
  if (data.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(data.length / v));
  for (let i = 0; i < out.length; i++) out[i] = data[i % data.length] as number;
  return out;
}

/** The PKCS#12 key derivation function of RFC 7292 Appendix B.2. */
export function pkcs12Kdf(
  hash: Pkcs12Hash,
  password: Uint8Array,
  salt: Uint8Array,
  id: number,
  iterations: number,
  length: number,
): Uint8Array {
  const sizes = SIZES[hash];
  if (!sizes) throw new GmError('GM_PKCS12_UNSUPPORTED', `unsupported PKCS#12 KDF hash ${String(hash)}`);
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new GmError('GM_PKCS12_MALFORMED', 'iteration count must be positive');
  }
  const [u, v] = sizes;
  const d = new Uint8Array(v).fill(id);
  const i = new Uint8Array([...repeatTo(salt, v), ...repeatTo(password, v)]);
  const out = new Uint8Array(Math.ceil(length / u) * u);
  for (let block = 0; block * u < length; block++) {
    let a = new Uint8Array(createHash(hash).update(d).update(i).digest());
    for (let r = 1; r < iterations; r++) a = new Uint8Array(createHash(hash).update(a).digest());
    out.set(a, block * u);
    if ((block + 1) * u >= length) break;
    const b = repeatTo(a, v);
    // I_j = (I_j + B + 1) mod 2^(8v), big-endian, for every v-byte block of I.
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] as number) + (b[k] as number) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.slice(0, length);
}
