import type { EndpointOutput, Endpoints } from '@zhengyin/contract';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, holderApi, SESSION_ENDED } from '../../api';

export type HolderIdentity = EndpointOutput<Endpoints['holderMe']>['holder'];

export interface HolderSession {
  /** undefined while loading, null when nobody is logged in. */
  readonly holder: HolderIdentity | null | undefined;
  /** The holder session ended (logout, expiry or an API call answering AUTH_REQUIRED). */
  ended(): void;
  logout(): Promise<void>;
}

const HolderSessionContext = createContext<HolderSession | null>(null);

/** The holder session: `holderMe` tells who is logged in and gives the CSRF token for POSTs. */
export function HolderSessionProvider({ children }: { children: ReactNode }) {
  const [holder, setHolder] = useState<HolderIdentity | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    holderApi.holderMe().then(
      (me) => live && setHolder(me.holder),
      () => live && setHolder(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const ended = useCallback(() => setHolder(null), []);
  const logout = useCallback(async () => {
    await holderApi.holderLogout().catch(() => undefined);
    setHolder(null);
  }, []);
  const value = useMemo<HolderSession>(() => ({ holder, ended, logout }), [holder, ended, logout]);
  return <HolderSessionContext.Provider value={value}>{children}</HolderSessionContext.Provider>;
}

export function useHolderSession(): HolderSession {
  const value = useContext(HolderSessionContext);
  if (!value) throw new Error('useHolderSession outside HolderSessionProvider');
  return value;
}

/** True when an error means the holder must log in again. */
export const holderSessionEnded = (e: unknown) => e instanceof ApiError && SESSION_ENDED.has(e.code);
