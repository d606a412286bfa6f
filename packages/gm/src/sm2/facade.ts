import { GmError } from '../errors.js';
import type { Sm2PureSigner } from './pure.js';
import { checkNative, checkPure } from './self-test.js';
import type { Sm2Signer } from './signer.js';
import type { Sm2SignOptions, Sm2VerifyOptions } from './types.js';

export interface Sm2SelfTestResult {
  /** The native (OpenSSL) path passed the known-answer test and is used. */
  readonly native: boolean;
  /** The pure path passed; if false, every SM2 operation throws GM_SM2_SELF_TEST_FAILED. */
  readonly pure: boolean;
  readonly error?: string;
}

export interface Sm2Facade {
  sign(privateKey: Uint8Array, message: Uint8Array, opts?: Sm2SignOptions): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, opts?: Sm2VerifyOptions): boolean;
  selfTest(): Sm2SelfTestResult;
  /** The implementation in use after the self-test. */
  active(): Sm2Signer;
}

/** Chooses native or pure once, by the known-answer self-test, on first use. */
export function createSm2Facade(native: Sm2Signer, pure: Sm2PureSigner): Sm2Facade {
  let result: Sm2SelfTestResult | undefined;
  let chosen: Sm2Signer | undefined;

  const selfTest = (): Sm2SelfTestResult => {
    if (result) return result;
    let pureOk = false;
    let nativeOk = false;
    let error: string | undefined;
    try {
      pureOk = checkPure(pure);
      nativeOk = pureOk && checkNative(native, pure);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    result =
      error === undefined ? { native: nativeOk, pure: pureOk } : { native: nativeOk, pure: pureOk, error };
    chosen = nativeOk ? native : pureOk ? pure : undefined;
    return result;
  };

  const active = (): Sm2Signer => {
    selfTest();
    if (!chosen)
      throw new GmError('GM_SM2_SELF_TEST_FAILED', 'SM2 known-answer self-test failed', { ...result });
    return chosen;
  };

  return {
    sign: (privateKey, message, opts) => active().sign(privateKey, message, opts),
    verify: (publicKey, message, signature, opts) => active().verify(publicKey, message, signature, opts),
    selfTest,
    active,
  };
}
