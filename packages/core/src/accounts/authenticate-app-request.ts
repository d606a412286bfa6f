import { hmacVerify } from '@zhengyin/gm';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { hexToBytes } from '../shared/hex.js';
import { ipAllowed } from './ip-allow-list.js';
import type { App } from './ports.js';

export interface SignedRequest {
  readonly appKey: string;
  /** Milliseconds since the epoch, as sent by the caller. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly algorithm: 'HMAC-SHA256' | 'HMAC-SM3';
  /** Lower-case hex. */
  readonly signature: string;
  /** The canonical string to sign, built by the transport from the request. */
  readonly stringToSign: string;
  readonly clientIp: string | null;
}

export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

function secretsInForce(deps: Pick<CoreDeps, 'secrets'>, app: App, now: Date): Uint8Array[] {
  const secrets = [deps.secrets.open(app.secretSealed)];
  if (app.previousSecretSealed && app.previousSecretExpiresAt && app.previousSecretExpiresAt > now) {
    secrets.push(deps.secrets.open(app.previousSecretSealed));
  }
  return secrets;
}

/**
 * Authenticates a signed app request: known active app, timestamp within ±5 minutes, HMAC over the
 * canonical string with the current (or, during rotation overlap, the previous) secret, client IP
 * in the allow-list, and a nonce never seen before. The nonce is recorded only for a valid signature,
 * so forged requests cannot burn nonces.
 */
export async function authenticateAppRequest(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'secrets'>,
  req: SignedRequest,
): Promise<Extract<Actor, { kind: 'app' }>> {
  const now = deps.clock.now();
  if (
    !/^\d{1,16}$/.test(req.timestamp) ||
    Math.abs(now.getTime() - Number(req.timestamp)) > SIGNATURE_WINDOW_MS
  ) {
    throw new AppError('AUTH_TIMESTAMP_STALE', 'timestamp outside the allowed window', {
      serverTime: now.getTime(),
    });
  }
  if (!NONCE_PATTERN.test(req.nonce)) {
    throw new AppError('AUTH_SIGNATURE_INVALID', 'nonce must be 16–64 URL-safe characters');
  }
  if (!/^[0-9a-f]{64}$/.test(req.signature))
    throw new AppError('AUTH_SIGNATURE_INVALID', 'signature must be 64 hex characters');
  return deps.uow.run(async (r) => {
    const app = await r.apps.getByKey(req.appKey);
    if (!app || !app.active) throw new AppError('AUTH_APP_UNKNOWN', 'unknown or inactive app');
    const data = new TextEncoder().encode(req.stringToSign);
    const mac = hexToBytes(req.signature);
    const algorithm = req.algorithm === 'HMAC-SM3' ? 'sm3' : 'sha256';
    if (!secretsInForce(deps, app, now).some((secret) => hmacVerify(algorithm, secret, data, mac))) {
      throw new AppError('AUTH_SIGNATURE_INVALID', 'signature does not match');
    }
    if (!ipAllowed(req.clientIp, app.ipAllowList)) {
      throw new AppError('AUTH_IP_NOT_ALLOWED', 'client IP not allowed', { clientIp: req.clientIp });
    }
    // Kept longer than any timestamp the window can still accept, so a replay always finds it.
    const expiresAt = new Date(now.getTime() + 2 * SIGNATURE_WINDOW_MS + 60_000);
    if (!(await r.nonces.remember(app.id, req.nonce, expiresAt, now))) {
      throw new AppError('AUTH_NONCE_REPLAYED', 'nonce already used');
    }
    return { kind: 'app', id: app.id, departmentId: app.departmentId, scopes: app.scopes };
  });
}
