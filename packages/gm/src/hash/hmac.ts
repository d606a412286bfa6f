import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sm3' | 'sha256';

/** HMAC (RFC 2104) over node:crypto with SM3 or SHA-256. */
export function hmacCompute(
  algorithm: HmacAlgorithm,
  key: Uint8Array,
  ...parts: readonly Uint8Array[]
): Uint8Array {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return new Uint8Array(mac.digest());
}

export const hmacSm3 = (key: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array =>
  hmacCompute('sm3', key, ...parts);

export const hmacSha256 = (key: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array =>
  hmacCompute('sha256', key, ...parts);

/** Constant-time check of a received MAC; a MAC of the wrong length is simply invalid. */
export function hmacVerify(
  algorithm: HmacAlgorithm,
  key: Uint8Array,
  data: Uint8Array,
  mac: Uint8Array,
): boolean {
  const expected = hmacCompute(algorithm, key, data);
  return expected.length === mac.length && timingSafeEqual(expected, mac);
}
