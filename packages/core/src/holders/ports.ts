import type { License, LicenseStatus } from '../licensing/types.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';

/** Holder code types a holder can log in with: 001 统一社会信用代码, 111 公民身份号码. */
export const HOLDER_LOGIN_CODE_TYPES = ['001', '111'] as const;
export type HolderLoginCodeType = (typeof HOLDER_LOGIN_CODE_TYPES)[number];

/** A holder's (持证主体) session, created by the OIDC login. */
export interface HolderSession {
  readonly id: string;
  /** SM3 of the cookie token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly holderCodeType: HolderLoginCodeType;
  readonly holderCode: string;
  readonly holderName: string;
  /** Identity provider (OIDC issuer) and its subject the session came from. */
  readonly issuer: string;
  readonly subject: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
}

export interface HolderSessionRepository {
  insert(session: HolderSession): Promise<void>;
  getByTokenHash(tokenHash: string): Promise<HolderSession | null>;
  get(id: string): Promise<HolderSession | null>;
  touch(id: string, at: Date): Promise<void>;
  revoke(id: string, at: Date): Promise<void>;
}

/** An OIDC login in progress (state, nonce, PKCE verifier), bound to the browser that started it. */
export interface PendingHolderLogin {
  readonly stateHash: string;
  readonly browserHash: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface HolderLoginRepository {
  insert(login: PendingHolderLogin): Promise<void>;
  /** Removes and returns the login of that state (single use); null when there is none. */
  take(stateHash: string): Promise<PendingHolderLogin | null>;
  /** Deletes logins that expired before `now`. */
  purgeExpired(now: Date): Promise<number>;
}

export interface HolderLicenseQuery extends PageRequest {
  readonly holderCodeType: string;
  readonly holderCode: string;
  readonly status?: LicenseStatus;
  readonly typeCode?: string;
}

/** The licences of one holder (current versions: superseded ones leave the list). */
export interface HolderLicenseRepository {
  list(query: HolderLicenseQuery): Promise<Page<License>>;
}

/** What the identity provider says about the person who logged in (claims already mapped). */
export interface HolderIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly holderCodeType: string | null;
  readonly holderCode: string | null;
  readonly name: string | null;
}

/**
 * The holder identity provider as an OIDC relying party sees it (authorisation code + PKCE S256).
 * Errors are AppErrors (HOLDER_LOGIN_FAILED).
 */
export interface HolderIdentityProvider {
  /** The provider's authorisation endpoint URL for this request. */
  authorizationUrl(request: { state: string; nonce: string; codeVerifier: string }): Promise<string>;
  /**
   * Exchanges the code with the verifier and validates the ID token (signature by the provider's
   * JWKS, issuer, audience, nonce, expiry).
   */
  exchange(request: {
    code: string;
    state: string;
    codeVerifier: string;
    nonce: string;
  }): Promise<HolderIdentity>;
}

export type HolderDeps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'policy'> & {
  readonly holderIdp: HolderIdentityProvider;
};
