import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { api, downloadBase64 } from '../../api';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import type { MetricsSelection } from './model';

/** Downloads the quarterly report of the selection as XLSX or PDF. */
export function ExportButtons({ selection }: { selection: MetricsSelection }) {
  const { t } = useI18n();
  const { run, busy } = useAction();
  const download = (format: 'xlsx' | 'pdf') =>
    run(async () => {
      const file = await api.exportQuarterlyReport({
        query: {
          year: selection.year,
          quarter: selection.quarter,
          format,
          ...(selection.regionCode ? { regionCode: selection.regionCode } : {}),
        },
      });
      downloadBase64(file.base64, file.filename, file.contentType);
    });
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download('xlsx')}>
        {t('导出季度报告（XLSX）', 'Quarterly report (XLSX)')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download('pdf')}>
        {t('导出季度报告（PDF）', 'Quarterly report (PDF)')}
      </Button>
    </Space>
  );
}
