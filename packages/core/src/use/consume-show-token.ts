import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { UsePorts } from './ports.js';
import type { ShowTokenClaims } from './show-token.js';
import { openShowToken } from './show-token.js';

/**
 * Checks a 亮证 token (signature, expiry) and consumes its nonce inside the caller's transaction:
 * SHOW_TOKEN_INVALID, SHOW_TOKEN_EXPIRED, SHOW_TOKEN_REPLAYED.
 */
export async function consumeShowTokenIn(
  r: Repositories,
  ports: Pick<UsePorts, 'showTokenKey'>,
  now: Date,
  token: string,
): Promise<ShowTokenClaims> {
  const claims = openShowToken(ports.showTokenKey, token.trim());
  if (!claims) throw new AppError('SHOW_TOKEN_INVALID', 'not a valid 亮证 code');
  if (claims.expiresAt <= now)
    throw new AppError('SHOW_TOKEN_EXPIRED', 'the 亮证 code has expired; ask the holder to refresh it', {
      licenseId: claims.licenseId,
      expiredAt: claims.expiresAt.toISOString(),
    });
  if (!(await r.showTokenNonces.claim(claims.nonce, claims.licenseId, claims.expiresAt, now)))
    throw new AppError('SHOW_TOKEN_REPLAYED', 'this 亮证 code was already scanned', {
      licenseId: claims.licenseId,
    });
  return claims;
}
