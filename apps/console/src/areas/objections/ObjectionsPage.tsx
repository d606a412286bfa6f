import { Flex, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import {
  OBJECTION_STATUSES,
  objectionFieldLabel,
  objectionStatusColor,
  objectionStatusLabel,
} from './labels';
import './objections.css';
import { SlaTag } from './SlaTag';
import type { Objection, ObjectionStatus } from './types';
import { useWorkingCalendar } from './useWorkingCalendar';

const when = (iso: string) => new Date(iso).toLocaleString();

/** 异议处理: the objections of my region / department with their working-day deadlines. */
export function ObjectionsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<ObjectionStatus | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useRequest(
    () =>
      api.listObjections({
        query: {
          page,
          pageSize,
          ...(status ? { status } : {}),
          ...(overdueOnly ? { overdue: 'true' as const } : {}),
        },
      }),
    [page, pageSize, status, overdueOnly],
  );
  const calendar = useWorkingCalendar();

  const columns: ColumnsType<Objection> = [
    {
      title: t('证照', 'Licence'),
      key: 'license',
      render: (_, o) => (
        <>
          <Link to={`/console/objections/${o.id}`}>{o.typeName}</Link>
          <div>
            <Typography.Text type="secondary">{o.licenseIdentifier}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('异议字段', 'Fields'),
      key: 'fields',
      render: (_, o) => (
        <Flex wrap gap={4}>
          {o.fields.map((f) => (
            <Tag key={f}>{objectionFieldLabel(f, t)}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('提出方', 'Raised by'),
      key: 'requester',
      render: (_, o) =>
        `${o.requester.name}（${o.requester.kind === 'holder' ? t('持证主体', 'holder') : t('用证部门', 'using department')}）`,
    },
    {
      title: t('状态', 'Status'),
      key: 'status',
      render: (_, o) => <Tag color={objectionStatusColor(o.status)}>{objectionStatusLabel(o.status, t)}</Tag>,
    },
    { title: t('提出时间', 'Raised at'), key: 'submittedAt', render: (_, o) => when(o.submittedAt) },
    {
      title: t('办理时限', 'Deadline'),
      key: 'sla',
      render: (_, o) => (
        <>
          <SlaTag objection={o} calendar={calendar.data ?? new Map()} />
          <div>
            <Typography.Text type="secondary">
              {when(o.status === 'submitted' ? o.acknowledgeDueAt : o.resolveDueAt)}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, o) => <Link to={`/console/objections/${o.id}`}>{t('查看处理', 'Open')}</Link>,
    },
  ];

  return (
    <>
      <PageTitle
        extra={<Link to="/console/objections/calendar">{t('工作日历', 'Working-day calendar')}</Link>}
      >
        {t('异议处理', 'Objections')}
      </PageTitle>
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('按状态筛选', 'Filter by status')}
          placeholder={t('全部状态', 'All statuses')}
          allowClear
          style={{ width: 200 }}
          value={status}
          onChange={(v: ObjectionStatus | undefined) => {
            setStatus(v);
            setPage(1);
          }}
          options={OBJECTION_STATUSES.map((s) => ({ value: s, label: objectionStatusLabel(s, t) }))}
        />
        <Flex gap={8} align="center">
          <Switch
            id="overdue-only"
            checked={overdueOnly}
            onChange={(v) => {
              setOverdueOnly(v);
              setPage(1);
            }}
          />
          <label htmlFor="overdue-only">{t('只看超期', 'Overdue only')}</label>
        </Flex>
      </Flex>
      <Table
        rowKey="id"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        rowClassName={(o) => (o.overdue ? 'objection-overdue' : '')}
        locale={{ emptyText: t('没有异议', 'No objections') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        scroll={{ x: 900 }}
      />
    </>
  );
}
