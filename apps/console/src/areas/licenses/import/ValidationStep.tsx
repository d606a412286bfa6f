import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Radio, Row, Space, Statistic, Table, Typography } from 'antd';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { formatName } from '../labels';
import type { FileFormat, ImportJob } from '../model';
import { downloadRejectionReport } from './report';

interface ConfirmForm {
  fileFormat?: FileFormat;
  sealPin: string;
}

/** Step 3: rows accepted and rejected with reasons; confirming (seal PIN) starts the issuance. */
export function ValidationStep({
  job,
  defaultFormat,
  onBack,
  onStarted,
}: {
  job: ImportJob;
  defaultFormat: FileFormat | undefined;
  onBack?: () => void;
  onStarted(job: ImportJob): void;
}) {
  const { t, lang } = useI18n();
  const { run, busy } = useAction();
  const report = useAction();

  const confirm = async (v: ConfirmForm) => {
    const started = await run(() =>
      api.runLicenseImport({
        params: { id: job.id },
        body: {
          sealPin: v.sealPin,
          ...(v.fileFormat && !job.fileFormat ? { fileFormat: v.fileFormat } : {}),
        },
      }),
    );
    if (started) onStarted(started);
  };

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16, maxWidth: 640 }}>
        <Col span={8}>
          <Statistic title={t('数据行', 'Rows')} value={job.total} />
        </Col>
        <Col span={8}>
          <Statistic title={t('可导入', 'Valid')} value={job.valid} />
        </Col>
        <Col span={8}>
          <Statistic title={t('被拒绝', 'Rejected')} value={job.rejectedCount} />
        </Col>
      </Row>
      {job.rejectedCount > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('被拒绝的行', 'Rejected rows')}
          </Typography.Title>
          <Table
            rowKey="line"
            size="small"
            pagination={{ pageSize: 10 }}
            dataSource={job.rejected}
            style={{ maxWidth: 900 }}
            columns={[
              { title: t('行号', 'Line'), dataIndex: 'line', width: 80 },
              { title: t('原因', 'Reasons'), render: (_, r) => r.reasons.join('；') },
            ]}
          />
          {job.rejected.length < job.rejectedCount && (
            <Typography.Paragraph>
              {t(
                '仅显示前 {n} 行，完整列表见拒绝报告。',
                'Only the first {n} are shown; the report lists all.',
                {
                  n: job.rejected.length,
                },
              )}
            </Typography.Paragraph>
          )}
          <Space style={{ marginBottom: 24 }}>
            {(['csv', 'xlsx'] as const).map((f) => (
              <Button
                key={f}
                icon={<DownloadOutlined />}
                loading={report.busy}
                onClick={() => void report.run(() => downloadRejectionReport(job.id, f))}
              >
                {t('下载拒绝报告（{f}）', 'Download the rejection report ({f})', { f: f.toUpperCase() })}
              </Button>
            ))}
          </Space>
        </>
      )}
      <Form<ConfirmForm>
        layout="vertical"
        style={{ maxWidth: 480 }}
        initialValues={{ fileFormat: job.fileFormat ?? defaultFormat }}
        onFinish={(v) => void confirm(v)}
      >
        <Form.Item name="fileFormat" label={t('文件格式', 'File format')}>
          <Radio.Group
            disabled={!!job.fileFormat}
            options={(['pdf', 'ofd', 'both'] as const).map((f) => ({ value: f, label: formatName(f, lang) }))}
          />
        </Form.Item>
        <Form.Item
          name="sealPin"
          label={t('印章 PIN 码', 'Seal PIN')}
          rules={[{ required: true, message: t('请输入印章 PIN 码', 'Enter the seal PIN') }]}
        >
          <Input.Password autoComplete="off" maxLength={64} />
        </Form.Item>
        <Space>
          {onBack && <Button onClick={onBack}>{t('上一步', 'Back')}</Button>}
          <Button type="primary" htmlType="submit" loading={busy} disabled={job.valid === 0}>
            {t('确认导入 {n} 条', 'Import {n} rows', { n: job.valid })}
          </Button>
        </Space>
      </Form>
    </>
  );
}
