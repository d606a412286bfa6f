import { Button, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useAction, useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import type { CalendarDay } from './types';

interface Values {
  date: Dayjs;
  kind: 'holiday' | 'workday';
  name: string;
}

/** 工作日历: holidays on weekdays and make-up working days (调休) on weekends; admins maintain them. */
export function CalendarPage() {
  const { t } = useI18n();
  const session = useStaffSession();
  const manager = session.hasRole('platform_admin', 'region_admin');
  const [year, setYear] = useState(new Date().getFullYear());
  const [form] = Form.useForm<Values>();
  const days = useRequest(
    () => api.listCalendarDays({ query: { from: `${year}-01-01`, to: `${year}-12-31` } }),
    [year],
  );
  const { run, busy } = useAction();

  const save = async (v: Values) => {
    const date = v.date.format('YYYY-MM-DD');
    const done = await run(
      () => api.setCalendarDay({ params: { date }, body: { kind: v.kind, name: v.name } }),
      t('已保存', 'Saved'),
    );
    if (done) {
      form.resetFields();
      days.reload();
    }
  };
  const remove = async (date: string) => {
    if (await run(() => api.removeCalendarDay({ params: { date } }), t('已删除', 'Removed'))) days.reload();
  };

  return (
    <>
      <PageTitle
        extra={
          <InputNumber
            aria-label={t('年份', 'Year')}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
        }
      >
        {t('工作日历', 'Working-day calendar')}
      </PageTitle>
      {manager && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          initialValues={{ kind: 'holiday' }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item
            name="date"
            label={t('日期', 'Date')}
            rules={[{ required: true, message: t('请选择日期', 'Choose a date') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Select
              style={{ width: 180 }}
              options={[
                { value: 'holiday', label: t('节假日（工作日放假）', 'Holiday (weekday off)') },
                { value: 'workday', label: t('调休上班（周末上班）', 'Make-up working day') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('名称', 'Name')}
            rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter a name') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('保存', 'Save')}
          </Button>
        </Form>
      )}
      <Table<CalendarDay>
        rowKey="date"
        loading={days.loading}
        dataSource={days.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('本年度没有调整', 'No changes this year') }}
        columns={[
          { title: t('日期', 'Date'), dataIndex: 'date' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (k: CalendarDay['kind']) =>
              k === 'holiday' ? (
                <Tag color="red">{t('放假', 'Off')}</Tag>
              ) : (
                <Tag color="blue">{t('上班', 'Working')}</Tag>
              ),
          },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          ...(manager
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  render: (_: unknown, d: CalendarDay) => (
                    <Popconfirm
                      title={t('删除 {date} 的调整？', 'Remove the change of {date}?', { date: d.date })}
                      okText={t('删除', 'Remove')}
                      cancelText={t('取消', 'Cancel')}
                      onConfirm={() => void remove(d.date)}
                    >
                      <Button size="small" danger>
                        {t('删除', 'Remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
