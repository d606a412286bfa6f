import { Alert, Card, Spin } from 'antd';
import { useI18n } from '../../../i18n';
import type { PreviewState } from './use-designer-feedback';

/** The face as the server renders it with the sample data (refreshed after each pause in editing). */
export function PreviewPane({ preview }: { preview: PreviewState }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('实时预览（服务器渲染）', 'Live preview (rendered by the server)')}
      extra={preview.loading && <Spin size="small" aria-label={t('正在渲染', 'Rendering')} />}
    >
      {preview.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 8 }}
          title={t('当前设计无法渲染', 'The current design does not render')}
          description={preview.error}
        />
      )}
      <div aria-live="polite" aria-busy={preview.loading}>
        {preview.src ? (
          <img
            src={preview.src}
            alt={t('照面预览', 'Face preview')}
            data-testid="face-preview"
            style={{ width: '100%', border: '1px solid #d9d9d9', opacity: preview.error ? 0.4 : 1 }}
          />
        ) : (
          !preview.error && <p>{t('正在生成预览……', 'Rendering the preview…')}</p>
        )}
      </div>
    </Card>
  );
}
