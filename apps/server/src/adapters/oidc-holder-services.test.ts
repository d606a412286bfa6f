import { describe, expect, test } from 'vitest';
import type { Kysely } from 'kysely';
import { loadConfig } from '../config/load.js';
import type { DB } from '../db/schema.js';
import { DevIdpRefused, holderServices } from './oidc-holder-services.js';

const deps = {
  db: {} as Kysely<DB>,
  passwords: { hash: async () => '', verify: async () => false },
  clock: { now: () => new Date() },
  ids: { uuid: () => '', token: () => '', randomBytes: () => new Uint8Array() },
};
const build = (env: Record<string, string>) => holderServices(loadConfig(env), deps);

describe('holder login configuration', () => {
  test('without an issuer the development IdP is the provider, at <base>/dev-idp', () => {
    const s = build({ ZHENGYIN_PUBLIC_BASE_URL: 'https://zz.example.gov.cn/' });
    expect(s.devIdp?.issuer).toBe('https://zz.example.gov.cn/dev-idp');
    expect(s.secureCookies).toBe(true);
    expect(build({}).secureCookies).toBe(false);
  });

  test('NODE_ENV=production refuses the development IdP unless forced or a real issuer is set', () => {
    expect(() => build({ NODE_ENV: 'production' })).toThrow(DevIdpRefused);
    expect(build({ NODE_ENV: 'production', ZHENGYIN_DEV_IDP_FORCE: 'true' }).devIdp).not.toBeNull();
    const real = build({ NODE_ENV: 'production', ZHENGYIN_HOLDER_OIDC_ISSUER: 'https://idp.example.gov.cn' });
    expect(real.devIdp).toBeNull();
    expect(build({ NODE_ENV: 'production', ZHENGYIN_DEV_IDP: 'false' }).devIdp).toBeNull();
  });

  test('with the dev IdP off and no issuer, holder login says no provider is configured', async () => {
    const s = build({ ZHENGYIN_DEV_IDP: 'false' });
    await expect(s.idp.authorizationUrl({ state: 's', nonce: 'n', codeVerifier: 'v' })).rejects.toMatchObject(
      {
        code: 'HOLDER_LOGIN_FAILED',
      },
    );
  });
});
