import { timingSafeEqual } from 'node:crypto';
import { hmacSm3 } from '@zhengyin/gm';
import type { LicenseTokens } from '@zhengyin/core';

const LABEL = new TextEncoder().encode('zhengyin/license-qr-token/v1');
const TOKEN_BYTES = 9;

/**
 * QR integrity tokens: HMAC-SM3 of the identifier under a key derived from the master key, cut to
 * 72 bits (12 base64url characters) to keep the QR code small. Guessing one is as hard as 2^72 tries.
 */
export function hmacLicenseTokens(masterKey: Uint8Array): LicenseTokens {
  const key = hmacSm3(masterKey, LABEL);
  const mac = (identifier: string) =>
    Buffer.from(hmacSm3(key, new TextEncoder().encode(identifier)).subarray(0, TOKEN_BYTES));
  return {
    token: (identifier) => mac(identifier).toString('base64url'),
    verify(identifier, token) {
      const given = Buffer.from(token, 'base64url');
      return given.length === TOKEN_BYTES && timingSafeEqual(given, mac(identifier));
    },
  };
}
