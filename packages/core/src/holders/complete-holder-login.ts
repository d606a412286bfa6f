import { auditEntry } from '../audit/entry.js';
import { hashSessionToken } from '../accounts/session-token.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import { checkHolderIdentity, holderTarget } from './holder-identity.js';
import type { HolderActor } from './holder-identity.js';
import type { HolderDeps, HolderIdentity, HolderSession } from './ports.js';

export interface HolderCallbackInput {
  readonly code?: string;
  readonly state?: string;
  /** `error` of an authorisation error response (e.g. access_denied). */
  readonly error?: string;
  /** The login cookie's token (null when the browser did not send it). */
  readonly browserToken: string | null;
}

export interface HolderLoginResult {
  readonly token: string;
  readonly session: HolderSession;
  readonly actor: HolderActor;
  readonly returnTo: string;
}

const ANONYMOUS: Actor = { kind: 'anonymous' };

/**
 * The OIDC callback: takes the pending login of `state` (single use, unexpired, same browser),
 * exchanges the code with its PKCE verifier, validates the ID token (in the provider adapter),
 * checks the holder identity (code type, check character, name), creates the holder session and
 * audits `holder.login`. Every refusal is audited (`holder.login.failed`) and changes nothing else.
 */
export async function completeHolderLogin(
  deps: HolderDeps,
  meta: RequestMeta,
  input: HolderCallbackInput,
): Promise<HolderLoginResult> {
  const failed = async (error: AppError, identity?: HolderIdentity): Promise<never> => {
    await deps.uow.run((r) =>
      r.audit.append(
        auditEntry(ANONYMOUS, meta, deps.clock.now(), 'holder.login.failed', null, {
          code: error.code,
          reason: error.message,
          ...(identity ? { issuer: identity.issuer, subject: identity.subject } : {}),
        }),
      ),
    );
    throw error;
  };

  if (!input.state) return failed(new AppError('HOLDER_LOGIN_INVALID', 'state missing'));
  const state = input.state;
  const pending = await deps.uow.run(async (r) => r.holderLogins.take(hashSessionToken(state)));
  const now = deps.clock.now();
  if (!pending) return failed(new AppError('HOLDER_LOGIN_INVALID', 'unknown or already used state'));
  if (pending.expiresAt <= now) return failed(new AppError('HOLDER_LOGIN_INVALID', 'login expired'));
  if (!input.browserToken || hashSessionToken(input.browserToken) !== pending.browserHash)
    return failed(new AppError('HOLDER_LOGIN_INVALID', 'login started in another browser'));
  if (input.error)
    return failed(
      new AppError('HOLDER_LOGIN_FAILED', `identity provider refused: ${input.error.slice(0, 100)}`),
    );
  if (!input.code) return failed(new AppError('HOLDER_LOGIN_INVALID', 'code missing'));

  let identity: HolderIdentity;
  try {
    identity = await deps.holderIdp.exchange({
      code: input.code,
      state,
      codeVerifier: pending.codeVerifier,
      nonce: pending.nonce,
    });
  } catch (e) {
    const error =
      e instanceof AppError
        ? e
        : new AppError('HOLDER_LOGIN_FAILED', 'identity provider exchange failed', {
            reason: (e as Error).message,
          });
    return failed(error);
  }
  let holder: ReturnType<typeof checkHolderIdentity>;
  try {
    holder = checkHolderIdentity(identity);
  } catch (e) {
    return failed(e as AppError, identity);
  }

  const token = deps.ids.token(32);
  return deps.uow.run(async (r) => {
    const at = deps.clock.now();
    const session: HolderSession = {
      id: deps.ids.uuid(),
      tokenHash: hashSessionToken(token),
      csrfToken: deps.ids.token(24),
      holderCodeType: holder.holderCodeType,
      holderCode: holder.holderCode,
      holderName: holder.name,
      issuer: identity.issuer,
      subject: identity.subject,
      createdAt: at,
      expiresAt: new Date(at.getTime() + deps.policy.sessionTtlMinutes * 60_000),
      lastSeenAt: at,
      revokedAt: null,
    };
    await r.holderSessions.insert(session);
    const actor: HolderActor = {
      kind: 'holder',
      id: session.id,
      holderCodeType: session.holderCodeType,
      holderCode: session.holderCode,
      name: session.holderName,
    };
    await r.audit.append(
      auditEntry(actor, meta, at, 'holder.login', holderTarget(holder.holderCodeType, holder.holderCode), {
        sessionId: session.id,
        issuer: identity.issuer,
        subject: identity.subject,
      }),
    );
    return { token, session, actor, returnTo: pending.returnTo };
  });
}
