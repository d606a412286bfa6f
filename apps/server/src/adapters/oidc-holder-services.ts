import type { Kysely } from 'kysely';
import type { Clock, HolderIdentityProvider, Ids, PasswordHasher } from '@zhengyin/core';
import type { Config } from '../config/schema.js';
import type { DB } from '../db/schema.js';
import { noHolderIdentityProvider, oidcHolderIdentityProvider } from './oidc-client.js';
import type { DevIdentityProvider } from './oidc-dev-idp.js';
import { DEV_IDP_PATH, devIdentityProvider } from './oidc-dev-idp.js';

/** The holder login's adapters: the OIDC relying party and, without a real provider, the dev IdP. */
export interface HolderServices {
  readonly idp: HolderIdentityProvider;
  /** The built-in development IdP when it is the provider; null with a real provider. */
  readonly devIdp: DevIdentityProvider | null;
  /** Base URL of the site (no trailing slash). */
  readonly baseUrl: string;
  /** Secure cookies when the base URL is https. */
  readonly secureCookies: boolean;
  /**
   * Routes the relying party's requests to the development IdP in-process (the HTTP app calls this
   * with its own `request`), so the server never needs to reach itself over the network.
   */
  useLocalFetch(local: typeof fetch): void;
}

export class DevIdpRefused extends Error {
  override readonly name = 'DevIdpRefused';
}

export function baseUrlOf(config: Config): string {
  return (
    config.ZHENGYIN_PUBLIC_BASE_URL ?? `http://${config.ZHENGYIN_HOST}:${config.ZHENGYIN_PORT}`
  ).replace(/\/+$/, '');
}

/** Builds the holder login adapters from the configuration (refuses the dev IdP in production). */
export function holderServices(
  config: Config,
  deps: { db: Kysely<DB>; passwords: PasswordHasher; clock: Clock; ids: Ids },
): HolderServices {
  const baseUrl = baseUrlOf(config);
  const redirectUri = config.ZHENGYIN_HOLDER_OIDC_REDIRECT_URI ?? `${baseUrl}/api/v1/holder/callback`;
  const claims = {
    holderCode: config.ZHENGYIN_HOLDER_CLAIM_CODE,
    holderCodeType: config.ZHENGYIN_HOLDER_CLAIM_CODE_TYPE,
    name: config.ZHENGYIN_HOLDER_CLAIM_NAME,
  };
  const useDev = !config.ZHENGYIN_HOLDER_OIDC_ISSUER && config.ZHENGYIN_DEV_IDP;
  if (useDev && config.NODE_ENV === 'production' && !config.ZHENGYIN_DEV_IDP_FORCE)
    throw new DevIdpRefused(
      'the development identity provider is on under NODE_ENV=production: configure ZHENGYIN_HOLDER_OIDC_ISSUER ' +
        '(or ZHENGYIN_DEV_IDP=false; ZHENGYIN_DEV_IDP_FORCE=true only for a demonstration)',
    );
  let local: typeof fetch | null = null;
  const routed: typeof fetch = (input, init) => (local ?? fetch)(input, init);
  const issuer = config.ZHENGYIN_HOLDER_OIDC_ISSUER ?? `${baseUrl}${DEV_IDP_PATH}`;
  const devIdp = useDev
    ? devIdentityProvider({
        issuer,
        clientId: config.ZHENGYIN_HOLDER_OIDC_CLIENT_ID,
        ...(config.ZHENGYIN_HOLDER_OIDC_CLIENT_SECRET
          ? { clientSecret: config.ZHENGYIN_HOLDER_OIDC_CLIENT_SECRET }
          : {}),
        redirectUri,
        claims,
        ...deps,
      })
    : null;
  const idp =
    config.ZHENGYIN_HOLDER_OIDC_ISSUER || useDev
      ? oidcHolderIdentityProvider({
          issuer,
          clientId: config.ZHENGYIN_HOLDER_OIDC_CLIENT_ID,
          ...(config.ZHENGYIN_HOLDER_OIDC_CLIENT_SECRET
            ? { clientSecret: config.ZHENGYIN_HOLDER_OIDC_CLIENT_SECRET }
            : {}),
          redirectUri,
          scope: config.ZHENGYIN_HOLDER_OIDC_SCOPE,
          claims,
          ...(config.ZHENGYIN_HOLDER_DEFAULT_CODE_TYPE
            ? { defaultHolderCodeType: config.ZHENGYIN_HOLDER_DEFAULT_CODE_TYPE }
            : {}),
          fetch: useDev ? routed : fetch,
          clock: deps.clock,
        })
      : noHolderIdentityProvider;
  return {
    idp,
    devIdp,
    baseUrl,
    secureCookies: baseUrl.startsWith('https:'),
    useLocalFetch(f) {
      local = f;
    },
  };
}
