import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { APP_SIGNATURE_HEADERS, stringToSign } from '@zhengyin/contract';
import type { Endpoint } from '@zhengyin/contract';
import type { Actor, Session } from '@zhengyin/core';
import { AppError, authenticateAppRequest, resolveHolderSession, resolveSession } from '@zhengyin/core';
import { createHash } from 'node:crypto';
import { sm3 } from '@zhengyin/gm';
import type { ServerContext } from './context.js';

export const SESSION_COOKIE = 'zy_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Holder session cookie (holder login through OIDC, routes/holders.ts). */
export const HOLDER_SESSION_COOKIE = 'zy_holder_session';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Endpoints a user who must change the password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['me', 'logout', 'changePassword']);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export interface Authenticated {
  readonly actor: Actor;
  readonly session: Session | null;
}

async function authenticateApp(ctx: ServerContext, c: Context, rawBody: Uint8Array, ip: string | null) {
  const h = (name: string) => c.req.header(name) ?? '';
  const algorithm = h(APP_SIGNATURE_HEADERS.algorithm) || 'HMAC-SHA256';
  if (algorithm !== 'HMAC-SHA256' && algorithm !== 'HMAC-SM3') {
    throw new AppError('AUTH_SIGNATURE_INVALID', `unsupported signature method ${algorithm}`);
  }
  const url = new URL(c.req.url);
  const timestamp = h(APP_SIGNATURE_HEADERS.timestamp);
  const nonce = h(APP_SIGNATURE_HEADERS.nonce);
  return authenticateAppRequest(ctx.deps, {
    appKey: h(APP_SIGNATURE_HEADERS.appKey),
    timestamp,
    nonce,
    algorithm,
    signature: h(APP_SIGNATURE_HEADERS.signature).toLowerCase(),
    stringToSign: stringToSign({
      method: c.req.method,
      path: url.pathname,
      query: url.searchParams,
      timestamp,
      nonce,
      bodyDigestHex:
        algorithm === 'HMAC-SM3' ? hex(sm3(rawBody)) : createHash('sha256').update(rawBody).digest('hex'),
    }),
    clientIp: ip,
  });
}

async function authenticateUser(ctx: ServerContext, c: Context, endpoint: Endpoint): Promise<Authenticated> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new AppError('AUTH_REQUIRED', 'log in first');
  const { actor, session, user } = await resolveSession(ctx.deps, token);
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.header(CSRF_HEADER) !== session.csrfToken) {
    throw new AppError('AUTH_CSRF_FAILED', `send the ${CSRF_HEADER} header from the login response`);
  }
  if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(endpoint.id)) {
    throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED');
  }
  return { actor, session };
}

/** Resolves the caller as the endpoint's `auth` requires. */
export async function authenticate(
  ctx: ServerContext,
  c: Context,
  endpoint: Endpoint,
  rawBody: Uint8Array,
  ip: string | null,
): Promise<Authenticated> {
  const signed = c.req.header(APP_SIGNATURE_HEADERS.signature) !== undefined;
  switch (endpoint.auth) {
    case 'public':
      return { actor: { kind: 'anonymous' }, session: null };
    case 'user':
      return authenticateUser(ctx, c, endpoint);
    case 'app':
    case 'staff-or-app': {
      if (!signed) {
        if (endpoint.auth === 'app') throw new AppError('AUTH_SIGNATURE_MISSING', 'sign the request');
        return authenticateUser(ctx, c, endpoint);
      }
      const actor = await authenticateApp(ctx, c, rawBody, ip);
      if (endpoint.scope && !actor.scopes.includes(endpoint.scope)) {
        throw new AppError('AUTH_SCOPE_MISSING', `scope ${endpoint.scope} required`, {
          scope: endpoint.scope,
        });
      }
      return { actor, session: null };
    }
    case 'holder': {
      // Holder session from the OIDC login (routes/holders.ts); CSRF header on unsafe methods.
      const token = getCookie(c, HOLDER_SESSION_COOKIE);
      if (!token) throw new AppError('AUTH_REQUIRED', 'log in as a holder first');
      const { actor, session } = await resolveHolderSession(ctx.deps, token);
      if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken)
        throw new AppError('AUTH_CSRF_FAILED', `send the ${CSRF_HEADER} header from the holder login`);
      return { actor, session: null };
    }
  }
}
