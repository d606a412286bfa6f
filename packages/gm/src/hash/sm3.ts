import { createHash } from 'node:crypto';

/** Incremental SM3 (GB/T 32905) for data that arrives in pieces. */
export interface Sm3Hasher {
  update(data: Uint8Array | string): Sm3Hasher;
  digest(): Uint8Array;
}

export const SM3_DIGEST_LENGTH = 32;

const toBytes = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? new TextEncoder().encode(data) : data;

/** SM3 digest (32 bytes) of the concatenation of `parts`; strings are UTF-8 encoded. */
export function sm3(...parts: ReadonlyArray<Uint8Array | string>): Uint8Array {
  const hash = createHash('sm3');
  for (const part of parts) hash.update(toBytes(part));
  return new Uint8Array(hash.digest());
}

/** Lower-case hex SM3 digest. */
export function sm3Hex(...parts: ReadonlyArray<Uint8Array | string>): string {
  return Buffer.from(sm3(...parts)).toString('hex');
}

export function createSm3(): Sm3Hasher {
  const hash = createHash('sm3');
  const hasher: Sm3Hasher = {
    update(data) {
      hash.update(toBytes(data));
      return hasher;
    },
    digest: () => new Uint8Array(hash.digest()),
  };
  return hasher;
}
