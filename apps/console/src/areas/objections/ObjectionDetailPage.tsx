import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, downloadBase64 } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useAction, useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { AcknowledgeButton } from './AcknowledgeButton';
import { objectionFieldLabel, objectionStatusColor, objectionStatusLabel } from './labels';
import { ResolveForm } from './ResolveForm';
import { SlaTag } from './SlaTag';
import type { Objection } from './types';
import { useWorkingCalendar } from './useWorkingCalendar';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KiB`;

/** One objection: what is said to be wrong, evidence, deadlines, and the issuer's 标注 / 办结. */
export function ObjectionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const session = useStaffSession();
  const loaded = useRequest(() => api.getObjection({ params: { id } }), [id]);
  const calendar = useWorkingCalendar();
  const [objection, setObjection] = useState<Objection | undefined>();
  const { run, busy } = useAction();
  useEffect(() => setObjection(loaded.data), [loaded.data]);

  if (!objection)
    return loaded.error ? (
      <Alert type="error" showIcon message={t('无法读取该异议', 'The objection cannot be read')} />
    ) : (
      <Spin />
    );
  const o = objection;
  const handler = session.hasRole('issuer');

  const download = async (seq: number) => {
    const file = await run(() => api.objectionEvidence({ params: { id: o.id, seq } }));
    if (file) downloadBase64(file.base64, file.fileName, file.contentType);
  };

  return (
    <>
      <PageTitle extra={<Link to="/console/objections">{t('返回异议列表', 'Back to the list')}</Link>}>
        {t('异议详情', 'Objection')}
      </PageTitle>
      <Flex vertical gap={16}>
        {o.overdue && (
          <Alert
            type="error"
            showIcon
            message={t('该异议已超过办理时限', 'This objection is past its deadline')}
          />
        )}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'type', label: t('证照类型', 'Licence type'), children: o.typeName },
            {
              key: 'identifier',
              label: t('证照标识', 'Identifier'),
              children: <Link to={`/console/licenses/${o.licenseId}`}>{o.licenseIdentifier}</Link>,
            },
            {
              key: 'status',
              label: t('状态', 'Status'),
              children: <Tag color={objectionStatusColor(o.status)}>{objectionStatusLabel(o.status, t)}</Tag>,
            },
            {
              key: 'sla',
              label: t('办理时限', 'Deadline'),
              children: <SlaTag objection={o} calendar={calendar.data ?? new Map()} />,
            },
            {
              key: 'requester',
              label: t('提出方', 'Raised by'),
              children: `${o.requester.name}（${o.requester.kind === 'holder' ? t('持证主体', 'holder') : t('用证部门', 'using department')}）`,
            },
            { key: 'submitted', label: t('提出时间', 'Raised at'), children: when(o.submittedAt) },
            { key: 'ackDue', label: t('标注时限', 'Acknowledge by'), children: when(o.acknowledgeDueAt) },
            { key: 'resolveDue', label: t('办结时限', 'Resolve by'), children: when(o.resolveDueAt) },
            { key: 'ackAt', label: t('标注时间', 'Acknowledged at'), children: when(o.acknowledgedAt) },
            { key: 'resolvedAt', label: t('办结时间', 'Resolved at'), children: when(o.resolvedAt) },
            {
              key: 'fields',
              label: t('异议字段', 'Fields'),
              span: 2,
              children: (
                <Flex wrap gap={4}>
                  {o.fields.map((f) => (
                    <Tag key={f}>{objectionFieldLabel(f, t)}</Tag>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'text',
              label: t('异议内容', 'Objection'),
              span: 2,
              children: (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {o.text}
                </Typography.Paragraph>
              ),
            },
            ...(o.resolution
              ? [{ key: 'resolution', label: t('处理理由', 'Reasons'), span: 2, children: o.resolution }]
              : []),
            ...(o.correctedIdentifier
              ? [
                  {
                    key: 'corrected',
                    label: t('更正后的证照', 'Corrected licence'),
                    span: 2,
                    children: o.correctedIdentifier,
                  },
                ]
              : []),
          ]}
        />
        <List
          header={<Typography.Text strong>{t('证明材料', 'Evidence')}</Typography.Text>}
          bordered
          size="small"
          dataSource={[...o.evidence]}
          locale={{ emptyText: t('没有证明材料', 'No evidence files') }}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button
                  key="download"
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={busy}
                  onClick={() => void download(e.seq)}
                  aria-label={t('下载 {name}', 'Download {name}', { name: e.fileName })}
                >
                  {t('下载', 'Download')}
                </Button>,
              ]}
            >
              {e.fileName}（{e.contentType}，{kib(e.size)}）
            </List.Item>
          )}
        />
        {handler && o.status === 'submitted' && (
          <div>
            <AcknowledgeButton objection={o} onDone={setObjection} />
          </div>
        )}
        {handler && o.status === 'acknowledged' && <ResolveForm objection={o} onDone={setObjection} />}
      </Flex>
    </>
  );
}
