import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { AppError } from '@zhengyin/core';
import { oidcHolderIdentityProvider } from './oidc-client.js';

const ISSUER = 'https://idp.example.gov.cn';
const CLIENT = 'zhengyin-holder';
const NOW = new Date('2026-11-20T02:00:00Z');
const clock = { now: () => new Date(NOW) };
const trusted = await generateKeyPair('ES256', { extractable: true });
const attacker = await generateKeyPair('ES256', { extractable: true });
const trustedJwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };

type Overrides = { key?: CryptoKey; kid?: string; aud?: string; iss?: string; nonce?: string; exp?: number };

/** A fake real provider: discovery, JWKS with the trusted key, a token endpoint signing as told. */
function provider(o: Overrides = {}) {
  const requests: { url: string; body: string; authorization: string | null }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    requests.push({ url, body: String(init?.body ?? ''), authorization: headers.get('authorization') });
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (url === `${ISSUER}/.well-known/openid-configuration`)
      return json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
        id_token_signing_alg_values_supported: ['ES256'],
      });
    if (url === `${ISSUER}/jwks`) return json({ keys: [trustedJwk] });
    if (url === `${ISSUER}/token`) {
      const iat = Math.floor(NOW.getTime() / 1000);
      const idToken = await new SignJWT({
        nonce: o.nonce ?? 'nonce-1',
        name: '王小明',
        zhengyin_holder_code: '610102199003070116',
      })
        .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? 'k1' })
        .setIssuer(o.iss ?? ISSUER)
        .setAudience(o.aud ?? CLIENT)
        .setSubject('user-1')
        .setIssuedAt(iat)
        .setExpirationTime(o.exp ?? iat + 300)
        .sign(o.key ?? trusted.privateKey);
      return json({ access_token: 'at', token_type: 'Bearer', id_token: idToken });
    }
    return new Response('not found', { status: 404 });
  };
  const idp = oidcHolderIdentityProvider({
    issuer: ISSUER,
    clientId: CLIENT,
    clientSecret: 's3cret',
    redirectUri: 'https://zz.example.gov.cn/api/v1/holder/callback',
    scope: 'openid profile',
    claims: { holderCode: 'zhengyin_holder_code', holderCodeType: 'zhengyin_holder_code_type', name: 'name' },
    defaultHolderCodeType: '111',
    fetch: fetcher,
    clock,
  });
  return { idp, requests };
}

const exchange = (idp: ReturnType<typeof provider>['idp']) =>
  idp.exchange({ code: 'code-1', state: 'state-1', codeVerifier: 'v'.repeat(43), nonce: 'nonce-1' });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('OIDC relying party (real provider configuration)', () => {
  test('authorisation URL carries PKCE S256, state and nonce', async () => {
    const url = new URL(
      await provider().idp.authorizationUrl({ state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) }),
    );
    expect(url.origin + url.pathname).toBe(`${ISSUER}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT,
      state: 's',
      nonce: 'n',
      code_challenge_method: 'S256',
      // BASE64URL(SHA-256(verifier)), RFC 7636 §4.2
      code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
    });
  });

  test('a properly signed ID token gives the mapped identity; the client authenticates with its secret', async () => {
    const { idp, requests } = provider();
    expect(await exchange(idp)).toEqual({
      issuer: ISSUER,
      subject: 'user-1',
      holderCode: '610102199003070116',
      holderCodeType: '111', // the configured default: the provider sends no type claim
      name: '王小明',
    });
    const token = requests.find((r) => r.url.endsWith('/token'))!;
    expect(new URLSearchParams(token.body).get('code_verifier')).toBe('v'.repeat(43));
    // client_secret_basic: form-encoded id and secret (RFC 6749 §2.3.1).
    const basic = Buffer.from(token.authorization!.replace(/^Basic /, ''), 'base64').toString();
    expect(basic.split(':').map(decodeURIComponent)).toEqual([CLIENT, 's3cret']);
  });

  test.each<[string, Overrides]>([
    ['signed with another key (same kid)', { key: attacker.privateKey as CryptoKey }],
    ['signed with an unknown key id', { key: attacker.privateKey as CryptoKey, kid: 'k2' }],
    ['for another audience', { aud: 'someone-else' }],
    ['from another issuer', { iss: 'https://evil.example' }],
    ['with another nonce', { nonce: 'nonce-2' }],
    ['expired', { exp: Math.floor(NOW.getTime() / 1000) - 600 }],
  ])('an ID token %s is refused', async (_name, overrides) => {
    const e = await refusal(exchange(provider(overrides).idp));
    expect(e.code).toBe('HOLDER_LOGIN_FAILED');
  });
});
