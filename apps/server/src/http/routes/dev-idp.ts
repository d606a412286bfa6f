import type { Context, Hono } from 'hono';
import { AppError } from '@zhengyin/core';
import type { DevIdentityProvider, DevIdpAuthorizeRequest } from '../../adapters/oidc-dev-idp.js';
import { DEV_IDP_MARK, DEV_IDP_PATH } from '../../adapters/oidc-dev-idp.js';
import type { AppEnv, ServerContext } from '../context.js';
import { fixedWindowLimiter } from '../rate-limit.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} — ${DEV_IDP_MARK}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}
.dev{background:#b00020;color:#fff;padding:.75rem 1rem;font-weight:700;border-radius:4px}
label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1.5rem}.error{color:#b00020}table{border-collapse:collapse;margin-top:1rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;font-size:.9rem}
</style></head><body>
<p class="dev">${DEV_IDP_MARK}：内置开发用身份认证服务，仅供开发和演示，切勿用于生产环境。
This built-in identity provider is for development and demonstrations only.</p>
${body}
<p class="dev">${DEV_IDP_MARK}</p>
</body></html>`;
}

const HIDDEN = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
];

async function loginForm(
  idp: DevIdentityProvider,
  params: URLSearchParams,
  error: string | null,
  username = '',
): Promise<string> {
  const hidden = HIDDEN.filter((k) => params.has(k))
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? '')}">`)
    .join('\n');
  const users = await idp.listUsers();
  const demo = users.length
    ? `<h2>演示持证主体 Demo holders</h2><p>密码见 <code>zhengyin demo seed --out DIR</code> 写出的 DIR/holders.json。</p>
<table><tr><th>用户名 username</th><th>名称 name</th><th>代码类型</th></tr>
${users.map((u) => `<tr><td>${escapeHtml(u.username)}</td><td>${escapeHtml(u.name)}</td><td>${escapeHtml(u.holderCodeType)}</td></tr>`).join('\n')}
</table>`
    : '<p>尚无账号：运行 <code>zhengyin demo seed --out DIR</code> 创建演示持证主体。</p>';
  return page(
    '持证主体登录',
    `<h1>持证主体登录（开发用）</h1>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${DEV_IDP_PATH}/authorize">
${hidden}
<label for="username">用户名 Username</label><input id="username" name="username" autocomplete="username" value="${escapeHtml(username)}" required>
<label for="password">密码 Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录 Log in</button>
</form>
${demo}`,
  );
}

const formOf = async (c: Context) => new URLSearchParams(await c.req.text());

/**
 * The built-in development identity provider under /dev-idp (DEVELOPMENT ONLY): discovery, JWKS,
 * the login form (authorize), token and userinfo. Mounted only when it is the configured provider.
 */
export function devIdpRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const idp = ctx.holders.devIdp;
  if (!idp) return;
  const limiter = fixedWindowLimiter(ctx.config.ZHENGYIN_LOGIN_RATE_PER_MINUTE);
  const json = (c: Context, status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-zhengyin-dev-idp': 'DEVELOPMENT ONLY',
        ...headers,
      },
    });
  const html = (c: Context, status: number, body: string) =>
    c.html(body, status as 200, { 'cache-control': 'no-store', 'x-zhengyin-dev-idp': 'DEVELOPMENT ONLY' });
  const badRequest = (c: Context, e: unknown) => {
    if (!(e instanceof AppError)) throw e;
    return html(
      c,
      400,
      page('请求无效', `<h1>授权请求无效 Invalid request</h1><p class="error">${escapeHtml(e.message)}</p>`),
    );
  };

  app.get(`${DEV_IDP_PATH}/.well-known/openid-configuration`, (c) => json(c, 200, idp.discovery()));
  app.get(`${DEV_IDP_PATH}/jwks`, async (c) => json(c, 200, await idp.jwks()));

  app.get(`${DEV_IDP_PATH}/authorize`, async (c) => {
    const params = new URL(c.req.url).searchParams;
    try {
      idp.checkAuthorizeRequest(params);
    } catch (e) {
      return badRequest(c, e);
    }
    return html(c, 200, await loginForm(idp, params, null));
  });

  app.post(`${DEV_IDP_PATH}/authorize`, async (c) => {
    const form = await formOf(c);
    let request: DevIdpAuthorizeRequest;
    try {
      request = idp.checkAuthorizeRequest(form);
    } catch (e) {
      return badRequest(c, e);
    }
    const ip = c.get('state').meta.clientIp ?? 'unknown';
    if (!limiter.hit(ip, Date.now()))
      return html(c, 429, await loginForm(idp, form, '尝试过于频繁，请稍后再试 (too many attempts)'));
    const username = form.get('username') ?? '';
    const redirect = await idp.login(request, username, form.get('password') ?? '');
    if (!redirect)
      return html(
        c,
        401,
        await loginForm(idp, form, '用户名或密码错误 (wrong username or password)', username),
      );
    return c.redirect(redirect, 302);
  });

  app.post(`${DEV_IDP_PATH}/token`, async (c) => {
    const r = await idp.token(await formOf(c), c.req.header('authorization'));
    return json(c, r.status, r.body, r.headers);
  });
  const userinfo = async (c: Context) => {
    const r = await idp.userinfo(c.req.header('authorization'));
    return json(c, r.status, r.body, r.headers);
  };
  app.get(`${DEV_IDP_PATH}/userinfo`, userinfo);
  app.post(`${DEV_IDP_PATH}/userinfo`, userinfo);
}
