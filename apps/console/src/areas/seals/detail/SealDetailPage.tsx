import { Alert, Card, Descriptions, Flex, Image, Result, Skeleton, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { purposeName, sealActionName, sealStatusName, sealTypeName } from '../labels';
import type { SealDetail } from '../model';
import { SealStatusTag } from '../SealStatusTag';
import { UsageRegister } from '../usage/UsageRegister';
import { CertificatePanel } from './CertificatePanel';
import { SealActions } from './SealActions';
import { SealWorkflowSteps } from './SealWorkflowSteps';

const when = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** One seal: image, workflow, 备案, certificate, history and usage register, with its actions. */
export default function SealDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const detail = useRequest(() => api.getSeal({ params: { id } }), [id]);
  if (detail.loading && !detail.data) return <Skeleton active />;
  if (!detail.data)
    return <Result status="warning" title={t('无法读取此印章', 'This seal cannot be read')} />;
  const { seal } = detail.data;
  return (
    <>
      <PageTitle extra={<SealActions seal={seal} onChanged={detail.reload} />}>
        {seal.name} <SealStatusTag status={seal.status} />
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <SealWorkflowSteps seal={seal} />
      </Card>
      <FilingAlert detail={detail.data} />
      <Card>
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('基本信息', 'Overview'),
              children: <Overview detail={detail.data} />,
            },
            {
              key: 'certificate',
              label: t('证书与版本', 'Certificate'),
              children: <CertificatePanel detail={detail.data} />,
            },
            {
              key: 'history',
              label: t('状态记录', 'Status history'),
              children: <History detail={detail.data} />,
            },
            { key: 'use', label: t('用印登记', 'Usage register'), children: <UsageRegister seal={seal} /> },
          ]}
        />
      </Card>
    </>
  );
}

function FilingAlert({ detail }: { detail: SealDetail }) {
  const { t } = useI18n();
  const { filing } = detail;
  if (!filing) return null;
  if (filing.filedAt)
    return (
      <Alert
        style={{ marginBottom: 16 }}
        type="success"
        showIcon
        title={t('已备案：{no}（{authority}，{at}）', 'Filed: {no} ({authority}, {at})', {
          no: filing.filingNumber ?? '',
          authority: filing.authority ?? '',
          at: when(filing.filedAt),
        })}
      />
    );
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type={filing.overdue ? 'error' : 'warning'}
      showIcon
      title={
        filing.overdue
          ? t(
              '备案已逾期：印章于 {at} 制作，应在 24 小时内备案',
              'Filing overdue: made {at}, due within 24 hours',
              {
                at: when(filing.madeAt),
              },
            )
          : t(
              '待备案：印章于 {at} 制作，请在 24 小时内备案',
              'Awaiting filing: made {at}, due within 24 hours',
              {
                at: when(filing.madeAt),
              },
            )
      }
    />
  );
}

function Overview({ detail }: { detail: SealDetail }) {
  const { t, lang } = useI18n();
  const { seal } = detail;
  return (
    <Flex gap={24} wrap align="flex-start">
      {seal.image ? (
        <Image
          src={`data:image/png;base64,${seal.image.pngBase64}`}
          alt={t('印章图像：{name}', 'Seal image: {name}', { name: seal.name })}
          width={180}
          style={{ border: '1px solid #d9d9d9', padding: 8, background: '#fff' }}
        />
      ) : null}
      <Descriptions
        column={{ xs: 1, md: 2 }}
        style={{ flex: 1, minWidth: 320 }}
        items={[
          { label: t('印章编码', 'Code'), children: seal.code },
          { label: t('印章名称', 'Name'), children: seal.name },
          {
            label: t('类型', 'Type'),
            children:
              sealTypeName(seal.type, lang) + (seal.purpose ? ` · ${purposeName(seal.purpose, lang)}` : ''),
          },
          { label: t('状态', 'Status'), children: sealStatusName(seal.status, lang) },
          { label: t('所有者', 'Owner'), children: `${seal.owner.name}（${seal.owner.code}）` },
          {
            label: t('印模尺寸', 'Image size'),
            children: seal.image ? `${seal.image.widthMm} × ${seal.image.heightMm} mm` : '—',
          },
          { label: t('申请事由', 'Reason'), children: seal.reason },
          { label: t('申请时间', 'Applied'), children: when(seal.createdAt) },
          {
            label: t('审核', 'Review'),
            children: t('已通过 {done}/{steps} 级', '{done} of {steps} steps approved', {
              done: seal.approvalsDone,
              steps: seal.approvalSteps.length,
            }),
          },
          {
            label: t('附件', 'Attachments'),
            children: detail.attachments.length
              ? detail.attachments.map((a) => `${a.name}（${Math.ceil(a.size / 1024)} KB）`).join('、')
              : '—',
          },
        ]}
      />
    </Flex>
  );
}

function History({ detail }: { detail: SealDetail }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Table
        rowKey={(e) => `${e.at}-${e.action}`}
        size="small"
        pagination={false}
        dataSource={detail.history}
        locale={{ emptyText: t('暂无记录', 'No events yet') }}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'at', render: when },
          { title: t('操作', 'Action'), dataIndex: 'action', render: (a: string) => sealActionName(a, lang) },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: SealDetail['seal']['status']) => <SealStatusTag status={s} />,
          },
          { title: t('原因 / 说明', 'Reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
        ]}
      />
      <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('审核记录', 'Reviews')}</h2>
      <Table
        rowKey={(r) => `${r.step}-${r.reviewerId}`}
        size="small"
        pagination={false}
        dataSource={detail.reviews}
        locale={{ emptyText: t('尚未审核', 'Not reviewed yet') }}
        columns={[
          { title: t('级次', 'Step'), dataIndex: 'step', render: (s: number) => s + 1 },
          {
            title: t('结论', 'Decision'),
            dataIndex: 'decision',
            render: (d: string) => (d === 'approved' ? t('批准', 'Approved') : t('驳回', 'Rejected')),
          },
          { title: t('意见', 'Comment'), dataIndex: 'comment', render: (c: string | null) => c ?? '—' },
          { title: t('时间', 'Time'), dataIndex: 'at', render: when },
        ]}
      />
    </>
  );
}
