import { createCipheriv, createDecipheriv } from 'node:crypto';
import { GmError } from '../errors.js';

/** SM4 (GB/T 32907) block cipher modes through node:crypto. */

export type Sm4Mode = 'ecb' | 'cbc' | 'ctr';

export interface Sm4Options {
  /** 16-byte IV (CBC) or initial counter block (CTR); not used by ECB. */
  readonly iv?: Uint8Array;
  /** PKCS#7 padding (default) or none, for ECB and CBC; CTR never pads. */
  readonly padding?: 'pkcs7' | 'none';
}

export const SM4_BLOCK_SIZE = 16;
export const SM4_KEY_SIZE = 16;

/** A single-block SM4 primitive keeping one ECB cipher object (fast for chained use). */
export interface Sm4BlockCipher {
  encryptBlock(block: Uint8Array): Uint8Array;
  decryptBlock(block: Uint8Array): Uint8Array;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== SM4_KEY_SIZE) {
    throw new GmError('GM_SM4_KEY_LENGTH', 'SM4 key must be 16 bytes', { length: key.length });
  }
}

function ivFor(mode: Sm4Mode, iv: Uint8Array | undefined): Uint8Array | null {
  if (mode === 'ecb') {
    if (iv !== undefined) throw new GmError('GM_SM4_IV_LENGTH', 'ECB takes no IV');
    return null;
  }
  if (!iv || iv.length !== SM4_BLOCK_SIZE) {
    throw new GmError('GM_SM4_IV_LENGTH', `SM4-${mode.toUpperCase()} needs a 16-byte IV`, {
      length: iv?.length,
    });
  }
  return iv;
}

function checkMode(mode: string): asserts mode is Sm4Mode {
  if (mode !== 'ecb' && mode !== 'cbc' && mode !== 'ctr') {
    throw new GmError('GM_SM4_MODE', `unsupported SM4 mode ${String(mode)}`);
  }
}

export function sm4Encrypt(
  mode: Sm4Mode,
  key: Uint8Array,
  data: Uint8Array,
  opts: Sm4Options = {},
): Uint8Array {
  checkMode(mode);
  checkKey(key);
  const iv = ivFor(mode, opts.iv);
  const pad = mode !== 'ctr' && (opts.padding ?? 'pkcs7') === 'pkcs7';
  if (mode !== 'ctr' && !pad && data.length % SM4_BLOCK_SIZE !== 0) {
    throw new GmError('GM_SM4_DATA_LENGTH', 'without padding the data must be a multiple of 16 bytes', {
      length: data.length,
    });
  }
  const cipher = createCipheriv(`sm4-${mode}`, key, iv);
  cipher.setAutoPadding(pad);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

/** Decrypts; a wrong key or corrupted ciphertext usually fails the padding check (GM_SM4_BAD_PADDING). */
export function sm4Decrypt(
  mode: Sm4Mode,
  key: Uint8Array,
  data: Uint8Array,
  opts: Sm4Options = {},
): Uint8Array {
  checkMode(mode);
  checkKey(key);
  const iv = ivFor(mode, opts.iv);
  const pad = mode !== 'ctr' && (opts.padding ?? 'pkcs7') === 'pkcs7';
  if (mode !== 'ctr' && (data.length % SM4_BLOCK_SIZE !== 0 || (pad && data.length === 0))) {
    throw new GmError('GM_SM4_DATA_LENGTH', 'ciphertext must be a non-empty multiple of 16 bytes', {
      length: data.length,
    });
  }
  const decipher = createDecipheriv(`sm4-${mode}`, key, iv);
  decipher.setAutoPadding(false);
  const plain = new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  return pad ? stripPkcs7(plain) : plain;
}

// Checked here rather than by OpenSSL so that the error is a typed GmError with a stable code.
function stripPkcs7(plain: Uint8Array): Uint8Array {
  const n = plain[plain.length - 1] as number;
  let bad = n === 0 || n > SM4_BLOCK_SIZE ? 1 : 0;
  for (let i = 1; i <= SM4_BLOCK_SIZE; i++) {
    if (i <= n && plain[plain.length - i] !== n) bad = 1;
  }
  if (bad) throw new GmError('GM_SM4_BAD_PADDING', 'invalid PKCS#7 padding');
  return plain.subarray(0, plain.length - n);
}

export function createSm4BlockCipher(key: Uint8Array): Sm4BlockCipher {
  checkKey(key);
  const enc = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const dec = createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
  const check = (block: Uint8Array) => {
    if (block.length !== SM4_BLOCK_SIZE)
      throw new GmError('GM_SM4_DATA_LENGTH', 'SM4 block must be 16 bytes');
  };
  return {
    encryptBlock(block) {
      check(block);
      return new Uint8Array(enc.update(block));
    },
    decryptBlock(block) {
      check(block);
      return new Uint8Array(dec.update(block));
    },
  };
}
