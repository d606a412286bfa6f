import type { DependencyList } from 'react';
import { useCallback } from 'react';
import { useAction, useRequest } from '../../hooks';
import { holderSessionEnded, useHolderSession } from './session';

/** `useRequest` for holder endpoints: an ended holder session brings the login page back. */
export function useHolderRequest<T>(load: () => Promise<T>, deps: DependencyList) {
  const { ended } = useHolderSession();
  return useRequest(async () => {
    try {
      return await load();
    } catch (e) {
      if (holderSessionEnded(e)) ended();
      throw e;
    }
  }, deps);
}

/** `useAction` for holder endpoints, with the same session handling. */
export function useHolderAction() {
  const { ended } = useHolderSession();
  const { run, busy } = useAction();
  const runAsHolder = useCallback(
    <T>(action: () => Promise<T>, success?: string) =>
      run(async () => {
        try {
          return await action();
        } catch (e) {
          if (holderSessionEnded(e)) ended();
          throw e;
        }
      }, success),
    [run, ended],
  );
  return { run: runAsHolder, busy };
}
