import { Secret, TOTP } from 'otpauth';
import type { Totp } from '@zhengyin/core';

const ISSUER = 'zhengyin';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), accepting one step of clock drift either way. */
export function rfc6238Totp(): Totp {
  const totpFor = (secret: string, label = 'user') =>
    new TOTP({
      issuer: ISSUER,
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: Secret.fromBase32(secret),
    });
  return {
    generateSecret: () => new Secret({ size: 20 }).base32,
    uri: (secret, account) => totpFor(secret, account).toString(),
    verify: (secret, code, at) =>
      totpFor(secret).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null,
  };
}
