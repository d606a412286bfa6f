import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import type { Actor, Clock, Ids, PasswordHasher, RequestMeta } from '@zhengyin/core';
import { AppError, actorId, checkHolderIdentity, hashSessionToken } from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { auditLog } from '../repositories/audit.js';
import type { DevIdpStore, DevIdpUser } from '../repositories/holder-dev-idp.js';
import { devIdpStore } from '../repositories/holder-dev-idp.js';

/** Marker on every page, token and log line of the development identity provider. */
export const DEV_IDP_MARK = '开发用 / DEVELOPMENT ONLY';
export const DEV_IDP_PATH = '/dev-idp';
/** Authorisation codes live 60 s and work once. */
export const DEV_IDP_CODE_TTL_MS = 60_000;
const TOKEN_TTL_S = 300;
const ALG = 'ES256';

export interface DevIdpOptions {
  /** `${base URL}/dev-idp` */
  readonly issuer: string;
  readonly clientId: string;
  /** When set, the token endpoint requires it (client_secret_basic or client_secret_post). */
  readonly clientSecret?: string;
  readonly redirectUri: string;
  readonly claims: { readonly holderCode: string; readonly holderCodeType: string; readonly name: string };
  readonly db: Kysely<DB>;
  readonly passwords: PasswordHasher;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** A checked authorisation request (the parameters the login form carries along). */
export interface DevIdpAuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string | null;
  readonly codeChallenge: string;
  readonly scope: string;
}

/** An answer of the token or userinfo endpoint. */
export interface DevIdpResponse {
  readonly status: 200 | 400 | 401;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const s256 = (verifier: string) => b64url(createHash('sha256').update(verifier, 'ascii').digest());
const oauthError = (status: 400 | 401, error: string, description: string): DevIdpResponse => ({
  status,
  body: { error, error_description: `${description} (${DEV_IDP_MARK})` },
  ...(status === 401 ? { headers: { 'www-authenticate': 'Basic realm="dev-idp"' } } : {}),
});

/**
 * The built-in development identity provider (OpenID Connect, authorisation code + PKCE S256
 * only): discovery, JWKS, a login form for its own accounts (demo holders), single-use 60 s codes,
 * ES256 ID tokens and userinfo. Its signing key lives in this process only. DEVELOPMENT ONLY: the
 * server refuses to start with it under NODE_ENV=production unless forced.
 */
export function devIdentityProvider(options: DevIdpOptions) {
  const store: DevIdpStore = devIdpStore(options.db);
  let keyPair: Promise<{
    privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
    jwk: JWK;
  }> | null = null;
  const keys = () =>
    (keyPair ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
      const jwk = await exportJWK(publicKey);
      const kid = b64url(createHash('sha256').update(JSON.stringify(jwk)).digest()).slice(0, 16);
      return { privateKey, jwk: { ...jwk, kid, alg: ALG, use: 'sig' } };
    })());
  const nowSeconds = () => Math.floor(options.clock.now().getTime() / 1000);

  async function sign(payload: Record<string, unknown>, audience: string, subject: string) {
    const { privateKey, jwk } = await keys();
    const iat = nowSeconds();
    return new SignJWT({ ...payload, zhengyin_dev_idp: DEV_IDP_MARK })
      .setProtectedHeader({ alg: ALG, kid: jwk.kid as string, typ: 'JWT' })
      .setIssuer(options.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_TTL_S)
      .sign(privateKey);
  }

  const holderClaims = (u: DevIdpUser) => ({
    [options.claims.name]: u.name,
    [options.claims.holderCode]: u.holderCode,
    [options.claims.holderCodeType]: u.holderCodeType,
  });

  return {
    issuer: options.issuer,
    clientId: options.clientId,

    discovery() {
      return {
        issuer: options.issuer,
        authorization_endpoint: `${options.issuer}/authorize`,
        token_endpoint: `${options.issuer}/token`,
        userinfo_endpoint: `${options.issuer}/userinfo`,
        jwks_uri: `${options.issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [ALG],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: options.clientSecret
          ? ['client_secret_basic', 'client_secret_post']
          : ['none'],
        scopes_supported: ['openid', 'profile'],
        claims_supported: ['sub', 'name', options.claims.holderCode, options.claims.holderCodeType],
        service_documentation: DEV_IDP_MARK,
      };
    },

    async jwks(): Promise<JSONWebKeySet> {
      return { keys: [(await keys()).jwk] };
    },

    /** Checks the authorisation request; errors are shown on the page (never redirected). */
    checkAuthorizeRequest(params: URLSearchParams): DevIdpAuthorizeRequest {
      const get = (name: string) => params.get(name) ?? '';
      const problem = (message: string) => new AppError('REQUEST_VALIDATION_FAILED', message);
      if (get('client_id') !== options.clientId) throw problem('unknown client_id');
      if (get('redirect_uri') !== options.redirectUri) throw problem('redirect_uri is not registered');
      if (get('response_type') !== 'code') throw problem('response_type must be code');
      if (!get('scope').split(' ').includes('openid')) throw problem('scope must include openid');
      if (!get('state') || get('state').length > 512) throw problem('state required');
      if (get('code_challenge_method') !== 'S256')
        throw problem('PKCE with code_challenge_method=S256 required');
      if (!/^[A-Za-z0-9_-]{43}$/.test(get('code_challenge'))) throw problem('code_challenge invalid');
      if (get('nonce').length > 512) throw problem('nonce too long');
      return {
        clientId: get('client_id'),
        redirectUri: get('redirect_uri'),
        state: get('state'),
        nonce: get('nonce') || null,
        codeChallenge: get('code_challenge'),
        scope: get('scope'),
      };
    },

    /** Demo accounts listed on the login page (development only). */
    listUsers: () => store.users(50),

    /** Password check; on success a fresh code and the redirect back to the client, else null. */
    async login(request: DevIdpAuthorizeRequest, username: string, password: string): Promise<string | null> {
      const user = await store.userByUsername(username.trim().toLowerCase());
      const ok = user ? await options.passwords.verify(password, user.passwordHash) : false;
      if (!user || !ok) return null;
      const now = options.clock.now();
      const code = options.ids.token(32);
      await store.purgeCodes(new Date(now.getTime() - 24 * 3600_000));
      await store.insertCode({
        codeHash: hashSessionToken(code),
        userId: user.id,
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        nonce: request.nonce,
        createdAt: now,
        expiresAt: new Date(now.getTime() + DEV_IDP_CODE_TTL_MS),
        usedAt: null,
      });
      const back = new URL(request.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', request.state);
      return back.href;
    },

    /** The token endpoint: authorization_code grant with the PKCE verifier. */
    async token(form: URLSearchParams, authorization: string | undefined): Promise<DevIdpResponse> {
      // Client authentication: Basic or client_secret_post when a secret is configured.
      let clientId = form.get('client_id') ?? '';
      let secret = form.get('client_secret') ?? '';
      if (authorization?.startsWith('Basic ')) {
        const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        clientId = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      }
      if (clientId !== options.clientId) return oauthError(401, 'invalid_client', 'unknown client');
      if (options.clientSecret && secret !== options.clientSecret)
        return oauthError(401, 'invalid_client', 'client authentication failed');
      if (form.get('grant_type') !== 'authorization_code')
        return oauthError(400, 'unsupported_grant_type', 'only authorization_code');
      const code = form.get('code') ?? '';
      const verifier = form.get('code_verifier') ?? '';
      const now = options.clock.now();
      const stored = code ? await store.useCode(hashSessionToken(code), now) : null;
      if (!stored) return oauthError(400, 'invalid_grant', 'unknown or already used code');
      if (stored.expiresAt <= now) return oauthError(400, 'invalid_grant', 'code expired');
      if (stored.clientId !== clientId)
        return oauthError(400, 'invalid_grant', 'code issued to another client');
      if (stored.redirectUri !== form.get('redirect_uri'))
        return oauthError(400, 'invalid_grant', 'redirect_uri does not match');
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== stored.codeChallenge)
        return oauthError(400, 'invalid_grant', 'PKCE code_verifier does not match');
      const user = await store.user(stored.userId);
      if (!user) return oauthError(400, 'invalid_grant', 'account gone');
      const idToken = await sign(
        { ...holderClaims(user), ...(stored.nonce ? { nonce: stored.nonce } : {}) },
        clientId,
        user.id,
      );
      const accessToken = await sign({ scope: 'openid profile' }, `${options.issuer}/userinfo`, user.id);
      return {
        status: 200,
        body: { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_S, id_token: idToken },
        headers: { 'cache-control': 'no-store' },
      };
    },

    /** The userinfo endpoint (Bearer access token from the token endpoint). */
    async userinfo(authorization: string | undefined): Promise<DevIdpResponse> {
      const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
      try {
        const { payload } = await jwtVerify(token, (await keys()).jwk as never, {
          issuer: options.issuer,
          audience: `${options.issuer}/userinfo`,
          currentDate: options.clock.now(),
          algorithms: [ALG],
        });
        const user = await store.user(payload.sub ?? '');
        if (!user) return oauthError(401, 'invalid_token', 'account gone');
        return { status: 200, body: { sub: user.id, ...holderClaims(user), zhengyin_dev_idp: DEV_IDP_MARK } };
      } catch {
        return oauthError(401, 'invalid_token', 'access token invalid or expired');
      }
    },
  };
}

export type DevIdentityProvider = ReturnType<typeof devIdentityProvider>;

export interface DevIdpAccount {
  readonly username: string;
  readonly password: string;
  readonly holderCodeType: string;
  readonly holderCode: string;
  readonly name: string;
}

/**
 * Creates or updates a development IdP account (demo holders); the holder identity is checked like
 * a login's (code type, check character, name). Audited as `holder.dev_idp_user.saved`.
 */
export async function saveDevIdpUser(
  deps: { db: Kysely<DB>; passwords: PasswordHasher; clock: Clock; ids: Ids },
  actor: Actor,
  meta: RequestMeta,
  account: DevIdpAccount,
): Promise<DevIdpUser> {
  const holder = checkHolderIdentity(account);
  const username = account.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username))
    throw new AppError('REQUEST_VALIDATION_FAILED', 'username: 3–64 of a-z 0-9 . _ -');
  if (account.password.length < 8)
    throw new AppError('REQUEST_VALIDATION_FAILED', 'password: at least 8 characters');
  const passwordHash = await deps.passwords.hash(account.password);
  return deps.db.transaction().execute(async (trx) => {
    const store = devIdpStore(trx);
    const now = deps.clock.now();
    const existing = await store.userByUsername(username);
    const user: DevIdpUser = {
      id: existing?.id ?? deps.ids.uuid(),
      username,
      passwordHash,
      holderCodeType: holder.holderCodeType,
      holderCode: holder.holderCode,
      name: holder.name,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await store.upsertUser(user);
    await auditLog(trx).append({
      action: 'holder.dev_idp_user.saved',
      actorKind: actor.kind,
      actorId: actorId(actor),
      targetType: 'dev_idp_user',
      targetId: user.id,
      regionCode: null,
      details: { username, holderCodeType: holder.holderCodeType, mark: DEV_IDP_MARK },
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      at: now,
    });
    return user;
  });
}
