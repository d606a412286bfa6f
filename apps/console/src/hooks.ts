import { App } from 'antd';
import type { DependencyList } from 'react';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, SESSION_ENDED } from './api';
import { SessionContext } from './session';

/** Reports an error: a toast with the server's localised message; an ended session logs out. */
export function useErrorReporter() {
  const { message } = App.useApp();
  const session = useContext(SessionContext);
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && SESSION_ENDED.has(e.code) && session) session.ended();
      void message.error(errorMessage(e));
    },
    [message, session],
  );
}

export interface Request<T> {
  readonly data: T | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  reload(): void;
}

/** Loads data on mount and whenever `deps` change; errors are reported and kept. */
export function useRequest<T>(load: () => Promise<T>, deps: DependencyList): Request<T> {
  const report = useErrorReporter();
  const [state, setState] = useState<{ data?: T; loading: boolean; error?: unknown }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => {
        if (!live) return;
        setState((s) => ({ ...s, loading: false, error }));
        report(error);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide when to reload
  }, [...deps, tick, report]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, loading: state.loading, error: state.error, reload };
}

/**
 * Runs a user action: `busy` while it runs, a success toast when given, errors reported.
 * Returns the result, or undefined when it failed.
 */
export function useAction() {
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      setBusy(true);
      try {
        const result = await action();
        if (success) void message.success(success);
        return result;
      } catch (e) {
        report(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [message, report],
  );
  return { run, busy };
}
