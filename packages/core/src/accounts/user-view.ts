import type { User } from './ports.js';

/** A user without secrets, as use cases return it. */
export type UserView = Omit<User, 'passwordHash' | 'totpSecretSealed' | 'failedLogins'>;

export function userView(u: User): UserView {
  const { passwordHash: _p, totpSecretSealed: _t, failedLogins: _f, ...rest } = u;
  return rest;
}
