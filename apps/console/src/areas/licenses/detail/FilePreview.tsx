import { Empty, Segmented, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { FileKind, License } from '../model';
import { fileKinds } from '../model';

/** Page 1 of the signed file as the server renders it; PDF or OFD when the licence has both. */
export function FilePreview({ license }: { license: License }) {
  const { t } = useI18n();
  const kinds = fileKinds(license.fileFormat);
  const [kind, setKind] = useState<FileKind>(kinds[0] ?? 'pdf');
  const preview = useRequest(
    () => api.previewLicenseFile({ params: { id: license.id }, query: { format: kind, dpi: 96 } }),
    [license.id, kind],
  );
  return (
    <div>
      {kinds.length > 1 && (
        <Segmented<FileKind>
          aria-label={t('预览的文件', 'File to preview')}
          value={kind}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k, label: k.toUpperCase() }))}
          style={{ marginBottom: 12 }}
        />
      )}
      <Spin spinning={preview.loading}>
        {preview.data ? (
          <img
            src={`data:image/png;base64,${preview.data.base64}`}
            alt={t('证照{format}文件第 1 页预览', 'Page 1 of the licence {format} file', {
              format: kind.toUpperCase(),
            })}
            data-format={kind}
            style={{ maxWidth: '100%', border: '1px solid #d9d9d9' }}
          />
        ) : (
          <Empty description={t('暂无预览', 'No preview')} style={{ minHeight: 120 }} />
        )}
      </Spin>
    </div>
  );
}
