import { Alert } from 'antd';
import { useI18n } from '../../i18n';
import type { ServerRefusal } from './server-errors';

/** The summary of a refused save, above the form (the fields carry their own messages). */
export function ServerRefusalAlert({ refusal }: { refusal: ServerRefusal | null }) {
  const { t } = useI18n();
  if (!refusal) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('服务器拒绝保存：{message}', 'The server refused to save: {message}', {
        message: refusal.message,
      })}
      description={
        refusal.problems.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {refusal.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )
      }
    />
  );
}
