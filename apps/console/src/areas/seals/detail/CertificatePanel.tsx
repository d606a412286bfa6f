import { Button, Descriptions, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n';
import { algorithmName } from '../labels';
import type { SealDetail } from '../model';
import { downloadText } from './download';

const day = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** The seal's certificate and its generations (renewals keep the code and add a version). */
export function CertificatePanel({ detail }: { detail: SealDetail }) {
  const { t, lang } = useI18n();
  const { seal } = detail;
  if (!seal.certificatePem)
    return (
      <Typography.Paragraph>
        {t('印章尚未制作，还没有证书。', 'The seal is not made yet: no certificate.')}
      </Typography.Paragraph>
    );
  return (
    <>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { label: t('签名算法', 'Algorithm'), children: algorithmName(seal.algorithm, lang) },
          { label: t('印章版本', 'Seal version'), children: seal.sealVersion },
          { label: t('生效时间', 'Valid from'), children: day(seal.validFrom) },
          { label: t('失效时间', 'Valid to'), children: day(seal.validTo) },
          {
            label: t('GB/T 38540 印章数据', 'GB/T 38540 SESeal'),
            children: seal.sesSealBase64
              ? t('{n} 字节', '{n} bytes', { n: Math.floor((seal.sesSealBase64.length * 3) / 4) })
              : '—',
          },
        ]}
      />
      <Space style={{ margin: '12px 0' }}>
        <Button
          onClick={() =>
            void downloadText(seal.certificatePem ?? '', `${seal.code}.pem`, 'application/x-pem-file')
          }
        >
          {t('下载证书（PEM）', 'Download certificate (PEM)')}
        </Button>
      </Space>
      <Table
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={detail.versions}
        columns={[
          { title: t('版本', 'Version'), dataIndex: 'version' },
          { title: t('生效', 'From'), dataIndex: 'validFrom', render: day },
          { title: t('失效', 'To'), dataIndex: 'validTo', render: day },
          { title: t('生成时间', 'Created'), dataIndex: 'createdAt', render: day },
        ]}
      />
    </>
  );
}
