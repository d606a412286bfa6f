import { Button, Descriptions, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, downloadBase64 } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { formatName } from '../labels';
import type { FileKind, License } from '../model';
import { fileKinds } from '../model';
import { fileSize } from '../format';

const hash = (value: string | null) =>
  value ? (
    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  ) : (
    '—'
  );

/** The signed files: format, digests, algorithm; downloads of each file and of its 归档件. */
export function FileInfo({ license }: { license: License }) {
  const { t, lang } = useI18n();
  const { run, busy } = useAction();
  const kinds = fileKinds(license.fileFormat);

  const download = (kind: FileKind) =>
    run(async () => {
      const f = await api.licenseFile({ params: { id: license.id }, query: { format: kind } });
      downloadBase64((kind === 'pdf' ? f.pdfBase64 : f.ofdBase64) ?? '', f.fileName, f.contentType);
    });
  const archive = (kind: FileKind) =>
    run(async () => {
      const a = await api.licenseArchiveCopy({ params: { id: license.id }, query: { format: kind } });
      const name = a.fileName.replace(/\.(pdf|ofd)$/, '.archive.$1');
      downloadBase64(a.fileData, name, a.contentType);
    });

  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'format',
            label: t('文件格式', 'File format'),
            children: formatName(license.fileFormat, lang),
          },
          ...(license.fileSha256
            ? [
                { key: 'pdf', label: 'PDF SHA-256', children: hash(license.fileSha256) },
                { key: 'size', label: t('PDF 大小', 'PDF size'), children: fileSize(license.fileSize) },
              ]
            : []),
          ...(license.ofdSha256
            ? [
                { key: 'ofd', label: 'OFD SHA-256', children: hash(license.ofdSha256) },
                {
                  key: 'sv',
                  label: t('OFD 签名值 SHA-256', 'OFD signature value SHA-256'),
                  children: hash(license.ofdSignedValueSha256),
                },
              ]
            : []),
          { key: 'alg', label: t('签名算法', 'Signature algorithm'), children: license.algorithm },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        {kinds.map((k) => (
          <Button key={k} icon={<DownloadOutlined />} loading={busy} onClick={() => void download(k)}>
            {t('下载 {f}', 'Download {f}', { f: k.toUpperCase() })}
          </Button>
        ))}
        {kinds.map((k) => (
          <Button key={`a-${k}`} icon={<DownloadOutlined />} loading={busy} onClick={() => void archive(k)}>
            {t('归档件（{f}）', 'Archive copy ({f})', { f: k.toUpperCase() })}
          </Button>
        ))}
      </Space>
    </>
  );
}
