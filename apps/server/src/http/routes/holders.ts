import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { endpoints } from '@zhengyin/contract';
import type { License, MyLicense } from '@zhengyin/core';
import {
  AppError,
  fileFormatOf,
  HOLDER_LOGIN_TTL_MS,
  LICENSE_STATUS_NAMES,
  completeHolderLogin,
  downloadMyLicense,
  getMyLicense,
  listMyLicenses,
  logoutHolder,
  resolveHolderSession,
  startHolderLogin,
} from '@zhengyin/core';
import { HOLDER_SESSION_COOKIE } from '../authenticate.js';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

/** Short-lived cookie binding a login in progress to the browser that started it. */
export const HOLDER_LOGIN_COOKIE = 'zy_holder_login';
const LOGIN_COOKIE_PATH = '/api/v1/holder';

export const presentHolderLicense = (l: License) => ({
  id: l.id,
  identifier: l.identifier,
  version: l.version,
  typeCode: l.typeCode,
  typeName: l.typeName,
  issuerName: l.issuerName,
  issuerCode: l.issuerCode,
  licenseNumber: l.licenseNumber,
  holder: { ...l.holder },
  issueDate: l.issueDate,
  validFrom: l.validFrom,
  validTo: l.validTo,
  longTerm: l.longTerm,
  status: l.status,
  statusName: LICENSE_STATUS_NAMES[l.status],
  fileFormat: fileFormatOf(l),
});

const presentHolderLicenseDetail = (l: MyLicense) => ({
  ...presentHolderLicense(l),
  data: structuredClone(l.data),
  dataItems: [...l.dataItems],
  fileSha256: l.fileSha256,
  fileSize: l.fileSize,
  ofdSha256: l.ofdSha256,
  algorithm: l.algorithm,
  regionCode: l.regionCode,
  updatedAt: l.updatedAt.toISOString(),
});

/**
 * Holder services: OIDC login (start → provider → callback), the holder session (cookie
 * zy_holder_session, SameSite=Lax so it survives the provider's redirect back; CSRF header on unsafe
 * methods), logout, me, and 我的证照.
 */
export function holderRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { holders } = ctx;
  const deps = { ...ctx.deps, holderIdp: holders.idp };
  // The built-in development IdP is served by this app: reach it in-process.
  if (holders.devIdp) holders.useLocalFetch((input, init) => Promise.resolve(app.request(input, init)));
  const cookie = { httpOnly: true, secure: holders.secureCookies, sameSite: 'Lax' as const };

  bind(app, ctx, endpoints.holderLogin, async ({ query }, _state, c) => {
    const started = await startHolderLogin(deps, query);
    setCookie(c, HOLDER_LOGIN_COOKIE, started.browserToken, {
      ...cookie,
      path: LOGIN_COOKIE_PATH,
      maxAge: HOLDER_LOGIN_TTL_MS / 1000,
    });
    c.header('Location', started.redirectUrl);
    c.header('Cache-Control', 'no-store');
    return { redirectUrl: started.redirectUrl };
  });

  bind(app, ctx, endpoints.holderCallback, async ({ query }, state, c) => {
    const browserToken = getCookie(c, HOLDER_LOGIN_COOKIE) ?? null;
    deleteCookie(c, HOLDER_LOGIN_COOKIE, { path: LOGIN_COOKIE_PATH });
    const result = await completeHolderLogin(deps, state.meta, {
      ...(query.code !== undefined ? { code: query.code } : {}),
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.error !== undefined ? { error: query.error } : {}),
      browserToken,
    });
    state.actor = result.actor;
    setCookie(c, HOLDER_SESSION_COOKIE, result.token, {
      ...cookie,
      path: '/',
      expires: result.session.expiresAt,
    });
    c.header('Location', result.returnTo);
    c.header('Cache-Control', 'no-store');
    return { returnTo: result.returnTo };
  });

  bind(app, ctx, endpoints.holderMe, async (_input, _state, c) => {
    const token = getCookie(c, HOLDER_SESSION_COOKIE);
    if (!token) throw new AppError('AUTH_REQUIRED');
    const { actor, session } = await resolveHolderSession(deps, token);
    return {
      holder: { holderCodeType: session.holderCodeType, holderCode: actor.holderCode, name: actor.name },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  });

  bind(app, ctx, endpoints.holderLogout, async (_input, state, c) => {
    await logoutHolder(deps, state.actor, state.meta);
    deleteCookie(c, HOLDER_SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  bind(app, ctx, endpoints.myLicenses, async ({ query }, { actor }) => {
    const page = await listMyLicenses(deps, actor, query);
    return { ...page, items: page.items.map(presentHolderLicense) };
  });

  bind(app, ctx, endpoints.myLicense, async ({ params }, { actor }) =>
    presentHolderLicenseDetail(await getMyLicense(deps, actor, params.id)),
  );

  bind(app, ctx, endpoints.myLicenseFile, async ({ params, query }, { actor, meta }) => {
    const file = await downloadMyLicense(deps, actor, meta, params.id, query.format);
    return {
      fileName: file.fileName,
      format: file.format,
      contentType: file.contentType,
      sha256: file.sha256,
      [file.format === 'ofd' ? 'ofdBase64' : 'pdfBase64']: Buffer.from(file.bytes).toString('base64'),
    };
  });
}
