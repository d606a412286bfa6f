import { Button, DatePicker, Drawer, Empty, Form, Input, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../api';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { Department } from '../shared/types';

interface Values {
  onboardedOn: Dayjs;
  systems?: string[];
  note?: string;
}

/** The department's onboarding records (进驻) and a form to add one. */
export function OnboardingDrawer({ department, onClose }: { department?: Department; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy } = useAction();
  const records = useRequest(
    async () => (department ? (await api.listOnboardings({ params: { id: department.id } })).items : []),
    [department?.id],
  );
  const submit = async (v: Values) => {
    if (!department) return;
    const done = await run(
      () =>
        api.recordOnboarding({
          params: { id: department.id },
          body: {
            onboardedOn: v.onboardedOn.format('YYYY-MM-DD'),
            systems: v.systems ?? [],
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      t('进驻记录已添加', 'Onboarding recorded'),
    );
    if (done) {
      form.resetFields();
      records.reload();
    }
  };
  return (
    <Drawer
      open={!!department}
      onClose={onClose}
      size={480}
      title={t('进驻记录 · {name}', 'Onboarding · {name}', { name: department?.name ?? '' })}
      destroyOnHidden
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={records.loading}
        dataSource={records.data ?? []}
        locale={{ emptyText: <Empty description={t('尚无进驻记录', 'No onboarding records')} /> }}
        columns={[
          { title: t('进驻日期', 'Onboarded on'), dataIndex: 'onboardedOn', width: 120 },
          {
            title: t('接入系统', 'Systems'),
            dataIndex: 'systems',
            render: (systems: string[]) => systems.join('、') || '—',
          },
          { title: t('备注', 'Note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('新增进驻记录', 'Add a record')}
      </Typography.Title>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="onboardedOn"
          label={t('进驻日期', 'Onboarded on')}
          rules={[{ required: true, message: t('请选择日期', 'Choose the date') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="systems"
          label={t('接入系统', 'Systems')}
          extra={t('输入后按回车添加', 'Type a name and press Enter')}
        >
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="note" label={t('备注', 'Note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('添加', 'Add')}
        </Button>
      </Form>
    </Drawer>
  );
}
