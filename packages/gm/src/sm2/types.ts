/**
 * Public interface of SM2 (GB/T 32918). Every SM2 signature in the code base goes through
 * `sm2Sign` / `sm2Verify` from `packages/gm/src/sm2/index.ts` — never node:crypto directly.
 *
 * Keys are raw values: the private key is the 32-byte scalar d; the public key is the
 * 65-byte uncompressed point 04‖X‖Y. Encodings (PKCS#8 / SPKI, PEM / DER) convert to and from these.
 */
export interface Sm2KeyPair {
  readonly privateKey: Uint8Array; // 32 bytes, big-endian d
  readonly publicKey: Uint8Array; // 65 bytes, 04 || X || Y
}

export interface Sm2SignOptions {
  /** User ID; default ASCII "1234567812345678". */
  readonly id?: Uint8Array;
  /** Output encoding: DER SEQUENCE{r,s} (default) or raw 64-byte r||s. */
  readonly encoding?: 'der' | 'raw';
}

export type Sm2VerifyOptions = Sm2SignOptions;

export const SM2_DEFAULT_ID: Uint8Array = new TextEncoder().encode('1234567812345678');
