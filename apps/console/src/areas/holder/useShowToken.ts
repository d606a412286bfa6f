import { useEffect, useState } from 'react';
import { holderApi } from '../../api';
import { useErrorReporter } from '../../hooks';
import { holderSessionEnded, useHolderSession } from './session';

export interface ShownToken {
  readonly token: string;
  /** When it expires, on this device's clock. */
  readonly expiresAtLocal: number;
  /** Its whole lifetime in ms (60 s by default). */
  readonly lifetimeMs: number;
}

/** The issue time is whole seconds: count one second less so the code is never shown late. */
const SAFETY_MS = 1_000;
const RETRY_MS = 5_000;

/** Ask for the next code this long before the current one expires. */
export const refreshMargin = (lifetimeMs: number) => Math.max(3_000, lifetimeMs * 0.2);

/**
 * 亮证: a fresh show token for the licence, fetched again before it expires. The countdown runs from
 * the platform's issue time (`issuedAt`), so a device whose clock is wrong still refreshes in time.
 */
export function useShowToken(licenseId: string) {
  const report = useErrorReporter();
  const { ended } = useHolderSession();
  const [shown, setShown] = useState<ShownToken | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchNext = async () => {
      const requestedAt = Date.now();
      try {
        const next = await holderApi.createShowToken({ params: { id: licenseId } });
        if (!live) return;
        const lifetimeMs = Date.parse(next.expiresAt) - Date.parse(next.issuedAt);
        const expiresAtLocal = requestedAt + lifetimeMs - SAFETY_MS;
        setShown({ token: next.token, expiresAtLocal, lifetimeMs });
        setFailed(false);
        timer = setTimeout(
          fetchNext,
          Math.max(expiresAtLocal - refreshMargin(lifetimeMs) - Date.now(), 1_000),
        );
      } catch (e) {
        if (!live) return;
        setFailed(true);
        if (holderSessionEnded(e)) return ended();
        report(e);
        timer = setTimeout(fetchNext, RETRY_MS);
      }
    };
    void fetchNext();
    const ticker = setInterval(() => setNow(Date.now()), 500);
    return () => {
      live = false;
      clearTimeout(timer);
      clearInterval(ticker);
    };
  }, [licenseId, report, ended]);

  const current = shown && shown.expiresAtLocal > now ? shown : null;
  return {
    /** Null while the first code loads or when the last one expired before a new one came. */
    shown: current,
    secondsLeft: current ? Math.ceil((current.expiresAtLocal - now) / 1000) : 0,
    failed,
  };
}
