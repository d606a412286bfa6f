import type { PasswordHasher, SecretBox, Totp } from '../accounts/ports.js';
import type { KeyVault } from '../keys/ports.js';
import type { Actor, RequestMeta } from './actor.js';
import type { Clock, Ids } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface AccountPolicy {
  readonly passwordMinLength: number;
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  readonly sessionTtlMinutes: number;
  readonly sessionIdleMinutes: number;
}

/** Everything a use case may need; each use case declares the subset it uses with Pick<>. */
export interface CoreDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly passwords: PasswordHasher;
  readonly secrets: SecretBox;
  readonly totp: Totp;
  readonly policy: AccountPolicy;
  readonly keys: KeyVault;
}

/** The common argument of audited use cases. */
export interface Call<I> {
  readonly actor: Actor;
  readonly meta: RequestMeta;
  readonly input: I;
}
