import { auditEntry } from '../audit/entry.js';
import { AppError } from '../shared/app-error.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { userTarget } from './create-user.js';
import { getUserOrThrow } from './get-user.js';

/** Generates a new TOTP secret for the actor; it takes effect only after `enableTotp`. */
export async function setupTotp(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'secrets' | 'totp'>,
  actor: Actor,
  meta: RequestMeta,
): Promise<{ secret: string; otpauthUri: string }> {
  if (actor.kind !== 'user') throw new AppError('AUTH_REQUIRED');
  const secret = deps.totp.generateSecret();
  await deps.uow.run(async (r) => {
    const user = await getUserOrThrow(r.users, actor.id);
    const sealed = deps.secrets.seal(new TextEncoder().encode(secret));
    const now = deps.clock.now();
    await r.users.update({ ...user, totpSecretSealed: sealed, totpEnabled: false, updatedAt: now });
    await r.audit.append(auditEntry(actor, meta, now, 'accounts.user.totp_setup', userTarget(user)));
  });
  return { secret, otpauthUri: deps.totp.uri(secret, actor.username) };
}

export async function enableTotp(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'secrets' | 'totp'>,
  { actor, meta, input }: Call<{ code: string }>,
): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('AUTH_REQUIRED');
  await deps.uow.run(async (r) => {
    const user = await getUserOrThrow(r.users, actor.id);
    if (!user.totpSecretSealed) throw new AppError('ACCOUNTS_TOTP_NOT_SET_UP');
    const now = deps.clock.now();
    const secret = new TextDecoder().decode(deps.secrets.open(user.totpSecretSealed));
    if (!deps.totp.verify(secret, input.code, now)) throw new AppError('AUTH_TOTP_INVALID');
    await r.users.update({ ...user, totpEnabled: true, updatedAt: now });
    await r.audit.append(auditEntry(actor, meta, now, 'accounts.user.totp_enabled', userTarget(user)));
  });
}
