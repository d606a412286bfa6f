import { App } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, errorMessage, SESSION_ENDED } from '../../api';
import { useErrorReporter } from '../../hooks';

/**
 * Saves a form: `busy` while the request runs, a success toast, and the server's refusal kept as
 * `error` so the form shows it next to the fields (an ended session still logs out).
 */
export function useFormSubmit() {
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = useCallback(
    async <T>(action: () => Promise<T>, success: string): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        const result = await action();
        void message.success(success);
        return result;
      } catch (e) {
        if (e instanceof ApiError && SESSION_ENDED.has(e.code)) report(e);
        else setError(errorMessage(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [message, report],
  );
  const clearError = useCallback(() => setError(null), []);
  return { submit, busy, error, clearError };
}
