import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api';
import { useErrorReporter } from '../../hooks';
import type { ServerRefusal } from './server-errors';
import { showServerErrors } from './server-errors';

/**
 * Saves a form through the API: a refusal (400 / 409) is shown on the form — next to the fields the
 * server names and as a summary — other failures as a toast.
 */
export function useFormSave(form: FormInstance) {
  const report = useErrorReporter();
  const [refusal, setRefusal] = useState<ServerRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setRefusal(null);
      try {
        return await action();
      } catch (e) {
        if (e instanceof ApiError && (e.status === 400 || e.status === 409))
          setRefusal(showServerErrors(form, e));
        else report(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [form, report],
  );
  return { save, busy, refusal };
}
