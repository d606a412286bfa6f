import { GmError } from '../../errors.js';

/**
 * RC2 (RFC 2268) in pure TypeScript. OpenSSL 3 moved RC2 to the legacy provider, yet legacy
 * PKCS#12 files (pbeWithSHAAnd40BitRC2-CBC) still arrive from real CAs, so decryption must not
 * depend on the provider configuration.
 */

// PITABLE from RFC 2268 §2: a permutation of 0..255 derived from the digits of pi.
const PITABLE = new Uint8Array(
  Buffer.from(
    'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
      'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
      '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
      '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
      '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
      'c5f3db47e5a59c770aa62068fe7fc1ad',
    'hex',
  ),
);

const S = [1, 2, 3, 5] as const;

/** Expanded RC2 key: 64 16-bit words. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number = key.length * 8): Uint16Array {
  if (key.length < 1 || key.length > 128)
    throw new GmError('GM_INVALID_ARGUMENT', 'RC2 key must be 1..128 bytes');
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) {
    throw new GmError('GM_INVALID_ARGUMENT', 'RC2 effective key bits must be 1..1024');
  }
  const l = new Uint8Array(128);
  l.set(key);
  const t = key.length;
  for (let i = t; i < 128; i++)
    l[i] = PITABLE[((l[i - 1] as number) + (l[i - t] as number)) & 0xff] as number;
  const t8 = (effectiveBits + 7) >> 3;
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = PITABLE[(l[128 - t8] as number) & tm] as number;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[(l[i + 1] as number) ^ (l[i + t8] as number)] as number;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = (l[2 * i] as number) | ((l[2 * i + 1] as number) << 8);
  return k;
}

const rol = (x: number, s: number) => ((x << s) | (x >>> (16 - s))) & 0xffff;
const ror = (x: number, s: number) => ((x >>> s) | (x << (16 - s))) & 0xffff;

function readWords(block: Uint8Array): number[] {
  return [0, 1, 2, 3].map((i) => (block[2 * i] as number) | ((block[2 * i + 1] as number) << 8));
}

function writeWords(r: readonly number[]): Uint8Array {
  const out = new Uint8Array(8);
  r.forEach((w, i) => {
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = w >>> 8;
  });
  return out;
}

export function rc2EncryptBlock(k: Uint16Array, block: Uint8Array): Uint8Array {
  const r = readWords(block);
  let j = 0;
  const mix = () => {
    for (let i = 0; i < 4; i++) {
      const a = r[(i + 3) & 3] as number;
      const b = r[(i + 2) & 3] as number;
      const c = r[(i + 1) & 3] as number;
      const v = ((r[i] as number) + (k[j++] as number) + (a & b) + (~a & c)) & 0xffff;
      r[i] = rol(v, S[i] as number);
    }
  };
  const mash = () => {
    for (let i = 0; i < 4; i++)
      r[i] = ((r[i] as number) + (k[(r[(i + 3) & 3] as number) & 63] as number)) & 0xffff;
  };
  for (let n = 0; n < 5; n++) mix();
  mash();
  for (let n = 0; n < 6; n++) mix();
  mash();
  for (let n = 0; n < 5; n++) mix();
  return writeWords(r);
}

export function rc2DecryptBlock(k: Uint16Array, block: Uint8Array): Uint8Array {
  const r = readWords(block);
  let j = 63;
  const rmix = () => {
    for (let i = 3; i >= 0; i--) {
      const a = r[(i + 3) & 3] as number;
      const b = r[(i + 2) & 3] as number;
      const c = r[(i + 1) & 3] as number;
      const v = ror(r[i] as number, S[i] as number);
      r[i] = (v - (k[j--] as number) - (a & b) - (~a & c)) & 0xffff;
    }
  };
  const rmash = () => {
    for (let i = 3; i >= 0; i--)
      r[i] = ((r[i] as number) - (k[(r[(i + 3) & 3] as number) & 63] as number)) & 0xffff;
  };
  for (let n = 0; n < 5; n++) rmix();
  rmash();
  for (let n = 0; n < 6; n++) rmix();
  rmash();
  for (let n = 0; n < 5; n++) rmix();
  return writeWords(r);
}

/** RC2-CBC decryption with PKCS#7 padding removal. */
export function rc2CbcDecrypt(
  key: Uint8Array,
  effectiveBits: number,
  iv: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  if (iv.length !== 8) throw new GmError('GM_INVALID_ARGUMENT', 'RC2 IV must be 8 bytes');
  if (data.length === 0 || data.length % 8)
    throw new GmError('GM_DECRYPT_FAILED', 'RC2 ciphertext is not whole blocks');
  const k = rc2ExpandKey(key, effectiveBits);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let o = 0; o < data.length; o += 8) {
    const block = data.subarray(o, o + 8);
    const plain = rc2DecryptBlock(k, block);
    for (let i = 0; i < 8; i++) out[o + i] = (plain[i] as number) ^ (prev[i] as number);
    prev = block;
  }
  return removePadding(out, 8);
}

/** RC2-CBC encryption with PKCS#7 padding (tests and round trips). */
export function rc2CbcEncrypt(
  key: Uint8Array,
  effectiveBits: number,
  iv: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  if (iv.length !== 8) throw new GmError('GM_INVALID_ARGUMENT', 'RC2 IV must be 8 bytes');
  const k = rc2ExpandKey(key, effectiveBits);
  const pad = 8 - (data.length % 8);
  const padded = new Uint8Array(data.length + pad);
  padded.set(data);
  padded.fill(pad, data.length);
  const out = new Uint8Array(padded.length);
  let prev = iv;
  for (let o = 0; o < padded.length; o += 8) {
    const block = padded.slice(o, o + 8);
    for (let i = 0; i < 8; i++) block[i] = (block[i] as number) ^ (prev[i] as number);
    prev = rc2EncryptBlock(k, block);
    out.set(prev, o);
  }
  return out;
}

export function removePadding(data: Uint8Array, blockSize: number): Uint8Array {
  const n = data[data.length - 1] as number;
  let bad = n === 0 || n > blockSize ? 1 : 0;
  for (let i = data.length - Math.min(n, blockSize); i < data.length; i++)
    bad |= (data[i] as number) ^ n ? 1 : 0;
  if (bad) throw new GmError('GM_DECRYPT_FAILED', 'bad padding (wrong password or corrupted data)');
  return data.slice(0, data.length - n);
}
