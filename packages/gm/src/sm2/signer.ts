import type { Sm2SignOptions, Sm2VerifyOptions } from './types.js';

/**
 * One SM2 signature implementation (GB/T 32918.2 with Z_A over the user ID).
 * - `sign` throws GmError for an invalid private key or ID.
 * - `verify` returns false for a signature that is malformed or does not verify, and throws
 *   GM_SM2_INVALID_PUBLIC_KEY for a public key that is not a point on the curve.
 */
export interface Sm2Signer {
  readonly name: string;
  sign(privateKey: Uint8Array, message: Uint8Array, opts?: Sm2SignOptions): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, opts?: Sm2VerifyOptions): boolean;
}
