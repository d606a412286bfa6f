import type { RoleGrant } from '../shared/actor.js';
import type { Page, PageRequest } from '../shared/page.js';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
  /** Sealed with the SecretBox; set up but not necessarily enabled. */
  readonly totpSecretSealed: string | null;
  readonly totpEnabled: boolean;
  readonly active: boolean;
  readonly roles: readonly RoleGrant[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface UserRepository {
  get(id: string): Promise<User | null>;
  getByUsername(username: string): Promise<User | null>;
  /** Locks the row for the rest of the transaction (login counters). */
  getByUsernameForUpdate(username: string): Promise<User | null>;
  insert(user: User): Promise<void>;
  update(user: User): Promise<void>;
  list(q: { q?: string; prefixes?: string[] | null } & PageRequest): Promise<Page<User>>;
  /** Regions of the departments referenced by the given department ids. */
  departmentRegions(departmentIds: readonly string[]): Promise<Record<string, string>>;
}

export interface Session {
  readonly id: string;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  getByTokenHash(tokenHash: string): Promise<Session | null>;
  touch(id: string, at: Date): Promise<void>;
  revoke(id: string, at: Date): Promise<void>;
  /** Revokes every live session of the user except `exceptSessionId`. */
  revokeAllForUser(userId: string, at: Date, exceptSessionId?: string): Promise<void>;
}

export interface App {
  readonly id: string;
  readonly name: string;
  readonly appKey: string;
  readonly departmentId: string;
  readonly scopes: readonly string[];
  readonly ipAllowList: readonly string[];
  readonly secretSealed: string;
  readonly previousSecretSealed: string | null;
  readonly previousSecretExpiresAt: Date | null;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AppRepository {
  get(id: string): Promise<App | null>;
  getByKey(appKey: string): Promise<App | null>;
  insert(app: App): Promise<void>;
  update(app: App): Promise<void>;
  list(q: { prefixes?: string[] | null } & PageRequest): Promise<Page<App>>;
}

export interface NonceStore {
  /** Records a nonce; false when it was seen before (within its lifetime). */
  remember(appId: string, nonce: string, expiresAt: Date, now: Date): Promise<boolean>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/** Authenticated encryption of small secrets at rest (app secrets, TOTP seeds) under the master key. */
export interface SecretBox {
  seal(plaintext: Uint8Array): string;
  open(sealed: string): Uint8Array;
}

export interface Totp {
  generateSecret(): string;
  uri(secret: string, account: string): string;
  verify(secret: string, code: string, at: Date): boolean;
}
