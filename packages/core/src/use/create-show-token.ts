import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { requireUseHolder } from './access.js';
import type { UsePorts } from './ports.js';
import { SHOW_TOKEN_NONCE_BYTES, signShowToken } from './show-token.js';

/**
 * 亮证: a dynamic QR for one of the holder's licences, signed (HMAC-SM3), valid for
 * `showTokenTtlSeconds` (60 s) and single use; each call makes a new one (refresh). `issuedAt` is the
 * platform's time, so a holder's device with a wrong clock can still count down to `expiresAt`.
 */
export async function createShowToken(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  ports: Pick<UsePorts, 'showTokenKey' | 'policy'>,
  { actor, input }: Call<{ licenseId: string }>,
): Promise<{ token: string; issuedAt: Date; expiresAt: Date }> {
  const holder = requireUseHolder(actor);
  const license = await deps.uow.run((r) => r.licenses.get(input.licenseId));
  if (
    !license ||
    license.status === 'made' ||
    license.holder.codeType !== holder.holderCodeType ||
    license.holder.code !== holder.holderCode.trim().toUpperCase()
  )
    throw new AppError('LICENSE_NOT_FOUND', `licence ${input.licenseId} not found`);
  const issuedAt = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
  const expiresAt = new Date(issuedAt.getTime() + ports.policy.showTokenTtlSeconds * 1000);
  const token = signShowToken(ports.showTokenKey, {
    licenseId: license.id,
    holderCodeType: license.holder.codeType,
    holderCode: license.holder.code,
    nonce: bytesToHex(deps.ids.randomBytes(SHOW_TOKEN_NONCE_BYTES)),
    expiresAt,
  });
  return { token, issuedAt, expiresAt };
}
