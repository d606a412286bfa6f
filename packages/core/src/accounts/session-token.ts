import { sm3Hex } from '@zhengyin/gm';

/** Sessions are looked up by the SM3 digest of the cookie token; the token itself is never stored. */
export function hashSessionToken(token: string): string {
  return sm3Hex(token);
}
