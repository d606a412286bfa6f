import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { endpoints } from '@zhengyin/contract';
import {
  AppError,
  changePassword,
  enableTotp,
  login,
  logout,
  resolveSession,
  setupTotp,
} from '@zhengyin/core';
import { SESSION_COOKIE } from '../authenticate.js';
import type { AppEnv, ServerContext } from '../context.js';
import { presentCurrentUser } from '../presenters.js';
import { bind } from '../route.js';
import { getCookie } from 'hono/cookie';

export function authRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  bind(app, ctx, endpoints.login, async ({ body }, state, c) => {
    const result = await login(deps, state.meta, body);
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      secure: ctx.config.ZHENGYIN_COOKIE_SECURE,
      sameSite: 'Strict',
      path: '/',
      expires: result.session.expiresAt,
    });
    return {
      user: presentCurrentUser(result.user),
      csrfToken: result.session.csrfToken,
      expiresAt: result.session.expiresAt.toISOString(),
    };
  });
  bind(app, ctx, endpoints.logout, async (_input, state, c) => {
    await logout(deps, state.actor, state.meta, state.session!.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  bind(app, ctx, endpoints.me, async (_input, _state, c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token) throw new AppError('AUTH_REQUIRED');
    const { session, user } = await resolveSession(deps, token);
    return {
      user: presentCurrentUser(user),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  });
  bind(app, ctx, endpoints.changePassword, async ({ body }, state) => {
    await changePassword(deps, {
      actor: state.actor,
      meta: state.meta,
      input: { ...body, keepSessionId: state.session!.id },
    });
    return { ok: true as const };
  });
  bind(app, ctx, endpoints.setupTotp, async (_input, state) => setupTotp(deps, state.actor, state.meta));
  bind(app, ctx, endpoints.enableTotp, async ({ body }, state) => {
    await enableTotp(deps, { actor: state.actor, meta: state.meta, input: body });
    return { ok: true as const };
  });
}
