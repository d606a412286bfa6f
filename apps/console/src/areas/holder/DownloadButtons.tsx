import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { downloadBase64, holderApi } from '../../api';
import { useI18n } from '../../i18n';
import { useHolderAction } from './hooks';

/** Download buttons for the formats the licence was issued in (PDF, OFD or both). */
export function DownloadButtons({
  license,
}: {
  license: { id: string; fileFormat: 'pdf' | 'ofd' | 'both' };
}) {
  const { t } = useI18n();
  const { run, busy } = useHolderAction();
  const download = (format: 'pdf' | 'ofd') =>
    run(async () => {
      const file = await holderApi.myLicenseFile({ params: { id: license.id }, query: { format } });
      const base64 = file.format === 'ofd' ? file.ofdBase64 : file.pdfBase64;
      if (base64) downloadBase64(base64, file.fileName, file.contentType);
    });
  const formats = license.fileFormat === 'both' ? (['pdf', 'ofd'] as const) : ([license.fileFormat] as const);
  return (
    <Flex gap={8} wrap>
      {formats.map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined aria-hidden />}
          loading={busy}
          onClick={() => void download(format)}
        >
          {format === 'pdf' ? t('下载 PDF', 'Download PDF') : t('下载 OFD', 'Download OFD')}
        </Button>
      ))}
    </Flex>
  );
}
