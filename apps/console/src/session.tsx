import type { EndpointOutput, Endpoints } from '@zhengyin/contract';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, SESSION_ENDED } from './api';

export type CurrentUser = EndpointOutput<Endpoints['me']>['user'];
export type RoleName = CurrentUser['roles'][number]['role'];

export interface StaffSession {
  /** undefined while loading, null when logged out. */
  readonly user: CurrentUser | null | undefined;
  /** Session end (ISO) as the server gave it. */
  readonly expiresAt: string | null;
  /** Set by login and me; the console reloads it after password changes. */
  refresh(): Promise<CurrentUser | null>;
  logout(): Promise<void>;
  /** The user holds one of these roles (in any scope). */
  hasRole(...roles: RoleName[]): boolean;
  /** Marks the session ended (an API call answered AUTH_REQUIRED / AUTH_SESSION_EXPIRED). */
  ended(): void;
  /** The session ended while in use (not a plain logout): the login page says it expired. */
  readonly expired: boolean;
}

export const SessionContext = createContext<StaffSession | null>(null);

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      setUser(me.user);
      setExpiresAt(me.expiresAt);
      setExpired(false);
      return me.user;
    } catch (e) {
      if (e instanceof ApiError && SESSION_ENDED.has(e.code)) {
        setExpired(e.code === 'AUTH_SESSION_EXPIRED');
        setUser(null);
        return null;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    void refresh().catch(() => setUser(null));
  }, [refresh]);

  const value = useMemo<StaffSession>(
    () => ({
      user,
      expiresAt,
      refresh,
      logout: async () => {
        await api.logout().catch(() => undefined);
        setExpired(false);
        setUser(null);
      },
      hasRole: (...roles) => !!user?.roles.some((r) => roles.includes(r.role)),
      ended: () => {
        setExpired(true);
        setUser(null);
      },
      expired,
    }),
    [user, expiresAt, refresh, expired],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useStaffSession(): StaffSession {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useStaffSession outside StaffSessionProvider');
  return value;
}
