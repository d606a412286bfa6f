/** Time, randomness and ids are injected so that tests are deterministic. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  uuid(): string;
  /** Cryptographically random token, base64url, `bytes` bytes of entropy. */
  token(bytes: number): string;
  randomBytes(length: number): Uint8Array;
}
