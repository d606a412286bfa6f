import * as oauth from 'oauth4webapi';
import { createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import type { Clock, HolderIdentity, HolderIdentityProvider } from '@zhengyin/core';
import { AppError } from '@zhengyin/core';

export interface OidcClientOptions {
  /** OIDC issuer identifier (discovery at `${issuer}/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  /** Confidential client (client_secret_basic); without it a public client with PKCE only. */
  readonly clientSecret?: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** Claim names carrying the holder identity. */
  readonly claims: { readonly holderCode: string; readonly holderCodeType: string; readonly name: string };
  /** Code type assumed when the provider sends none (e.g. a citizens-only provider: 111). */
  readonly defaultHolderCodeType?: string;
  /** The fetch for discovery, token and JWKS requests (in-process for the built-in development IdP). */
  readonly fetch: typeof fetch;
  readonly clock: Clock;
}

/** Metadata and keys are cached this long; an unknown key id refetches the key set once. */
const CACHE_MS = 10 * 60_000;

const failed = (reason: string, details: Record<string, unknown> = {}) =>
  new AppError('HOLDER_LOGIN_FAILED', reason, details);

/**
 * The OIDC relying party of the holder login, over oauth4webapi: authorisation code flow with PKCE
 * (S256), code exchange, ID token checks (issuer, audience, nonce, expiry, issued-at) and the ID
 * token's signature against the provider's JWKS (jose), then the configured claims.
 */
export function oidcHolderIdentityProvider(options: OidcClientOptions): HolderIdentityProvider {
  const issuer = new URL(options.issuer);
  const insecure = issuer.protocol === 'http:';
  const http = () => ({
    [oauth.customFetch]: options.fetch,
    ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}),
  });
  let metadata: { as: oauth.AuthorizationServer; at: number } | null = null;
  let keys: { set: ReturnType<typeof createLocalJWKSet>; at: number } | null = null;

  async function server(): Promise<oauth.AuthorizationServer> {
    if (metadata && Date.now() - metadata.at < CACHE_MS) return metadata.as;
    try {
      const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...http() });
      const as = await oauth.processDiscoveryResponse(issuer, response);
      if (!as.authorization_endpoint || !as.token_endpoint || !as.jwks_uri)
        throw new Error('discovery lacks authorization_endpoint, token_endpoint or jwks_uri');
      metadata = { as, at: Date.now() };
      return as;
    } catch (e) {
      throw failed('identity provider discovery failed', { reason: (e as Error).message });
    }
  }

  async function keySet(as: oauth.AuthorizationServer, refresh: boolean) {
    if (keys && !refresh && Date.now() - keys.at < CACHE_MS) return keys.set;
    const response = await options.fetch(as.jwks_uri as string, { headers: { accept: 'application/json' } });
    if (!response.ok) throw failed('identity provider JWKS unavailable', { status: response.status });
    const set = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    keys = { set, at: Date.now() };
    return set;
  }

  async function verifySignature(as: oauth.AuthorizationServer, idToken: string) {
    const check = async (refresh: boolean) =>
      jwtVerify(idToken, await keySet(as, refresh), {
        issuer: as.issuer,
        audience: options.clientId,
        currentDate: options.clock.now(),
        algorithms: as.id_token_signing_alg_values_supported ?? ['RS256'],
      });
    try {
      return await check(false);
    } catch (e) {
      if (e instanceof joseErrors.JWKSNoMatchingKey) {
        try {
          return await check(true);
        } catch (again) {
          throw failed('ID token signature invalid', { reason: (again as Error).message });
        }
      }
      throw failed('ID token signature invalid', { reason: (e as Error).message });
    }
  }

  const client = (): oauth.Client => ({
    client_id: options.clientId,
    // Our clock may be moved (tests): tell oauth4webapi how far it is from the system clock.
    [oauth.clockSkew]: Math.round((options.clock.now().getTime() - Date.now()) / 1000),
  });

  return {
    async authorizationUrl({ state, nonce, codeVerifier }) {
      const as = await server();
      const url = new URL(as.authorization_endpoint as string);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', options.clientId);
      url.searchParams.set('redirect_uri', options.redirectUri);
      url.searchParams.set('scope', options.scope);
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
      url.searchParams.set('code_challenge_method', 'S256');
      return url.href;
    },

    async exchange({ code, state, codeVerifier, nonce }): Promise<HolderIdentity> {
      const as = await server();
      const c = client();
      const auth = options.clientSecret ? oauth.ClientSecretBasic(options.clientSecret) : oauth.None();
      let result: oauth.TokenEndpointResponse;
      try {
        const params = oauth.validateAuthResponse(as, c, new URLSearchParams({ code, state }), state);
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          c,
          auth,
          params,
          options.redirectUri,
          codeVerifier,
          http(),
        );
        result = await oauth.processAuthorizationCodeResponse(as, c, response, {
          expectedNonce: nonce,
          requireIdToken: true,
        });
      } catch (e) {
        const error = e as Error & { error?: string; code?: string };
        throw failed('code exchange or ID token refused', {
          reason: error.message,
          ...(error.error ? { error: error.error } : {}),
        });
      }
      const { payload } = await verifySignature(as, result.id_token as string);
      const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
      const claims = payload as Record<string, unknown>;
      return {
        issuer: as.issuer,
        subject: text(claims.sub) ?? '',
        holderCode: text(claims[options.claims.holderCode]),
        holderCodeType: text(claims[options.claims.holderCodeType]) ?? options.defaultHolderCodeType ?? null,
        name: text(claims[options.claims.name]),
      };
    },
  };
}

/** Used when no identity provider is configured and the development IdP is off. */
export const noHolderIdentityProvider: HolderIdentityProvider = {
  authorizationUrl: () =>
    Promise.reject(
      new AppError(
        'HOLDER_LOGIN_FAILED',
        'no holder identity provider configured (ZHENGYIN_HOLDER_OIDC_ISSUER, or ZHENGYIN_DEV_IDP)',
      ),
    ),
  exchange: () => Promise.reject(new AppError('HOLDER_LOGIN_FAILED', 'no holder identity provider')),
};
