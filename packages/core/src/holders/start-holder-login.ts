import { hashSessionToken } from '../accounts/session-token.js';
import type { HolderDeps } from './ports.js';
import { safeReturnTo } from './holder-identity.js';

/** A pending login lives this long: the holder must finish at the identity provider within it. */
export const HOLDER_LOGIN_TTL_MS = 10 * 60_000;

export interface StartedHolderLogin {
  /** Where to send the browser (the provider's authorisation endpoint). */
  readonly redirectUrl: string;
  /** Goes into the short-lived login cookie; the callback must bring it back. */
  readonly browserToken: string;
  readonly expiresAt: Date;
}

/**
 * Starts the OIDC login: fresh state, nonce and PKCE verifier kept server-side (single use,
 * `HOLDER_LOGIN_TTL_MS`), bound to the browser by a cookie token; returns the provider URL.
 */
export async function startHolderLogin(
  deps: HolderDeps,
  input: { readonly returnTo?: string },
): Promise<StartedHolderLogin> {
  const returnTo = safeReturnTo(input.returnTo);
  const now = deps.clock.now();
  const state = deps.ids.token(32);
  const nonce = deps.ids.token(32);
  const codeVerifier = deps.ids.token(48);
  const browserToken = deps.ids.token(32);
  const expiresAt = new Date(now.getTime() + HOLDER_LOGIN_TTL_MS);
  await deps.uow.run(async (r) => {
    await r.holderLogins.purgeExpired(now);
    await r.holderLogins.insert({
      stateHash: hashSessionToken(state),
      browserHash: hashSessionToken(browserToken),
      nonce,
      codeVerifier,
      returnTo,
      createdAt: now,
      expiresAt,
    });
  });
  const redirectUrl = await deps.holderIdp.authorizationUrl({ state, nonce, codeVerifier });
  return { redirectUrl, browserToken, expiresAt };
}
