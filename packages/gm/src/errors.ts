/**
 * Typed error for every failure inside @zhengyin/gm (decoding, verification set-up, key handling).
 * Codes are namespaced UPPER_SNAKE strings starting with GM_, stable once published.
 */
export class GmError extends Error {
  override readonly name = 'GmError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
