import { Button, Form, Input, Select, Spin } from 'antd';
import { holderApi } from '../../api';
import { useI18n } from '../../i18n';
import { useHolderAction, useHolderRequest } from './hooks';

interface Values {
  email?: string;
  webhook?: string;
  leadDays: number[];
}

const LEAD_DAY_CHOICES = [1, 3, 7, 15, 30, 60, 90];

/** Where my reminders and objection results go, and how many days before expiry I am reminded. */
export function NotificationSettingsForm() {
  const { t } = useI18n();
  const { data, loading } = useHolderRequest(() => holderApi.holderNotificationSettings(), []);
  const { run, busy } = useHolderAction();
  if (loading && !data) return <Spin />;
  const save = (v: Values) =>
    run(
      () =>
        holderApi.setHolderNotificationSettings({
          body: {
            email: v.email?.trim() || null,
            webhook: v.webhook?.trim() || null,
            leadDays: v.leadDays.length ? [...v.leadDays].sort((a, b) => b - a) : null,
          },
        }),
      t('通知设置已保存', 'Notification settings saved'),
    );
  return (
    <Form<Values>
      layout="vertical"
      initialValues={{
        email: data?.email ?? '',
        webhook: data?.webhook ?? '',
        leadDays: data?.leadDays ?? [],
      }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item
        name="email"
        label={t('提醒邮箱', 'Reminder e-mail')}
        rules={[{ type: 'email', message: t('邮箱格式不正确', 'Not an e-mail address') }]}
      >
        <Input type="email" autoComplete="email" />
      </Form.Item>
      <Form.Item
        name="webhook"
        label={t('消息推送地址（https，可选）', 'Webhook (https, optional)')}
        rules={[{ pattern: /^https:\/\//, message: t('必须以 https:// 开头', 'Must start with https://') }]}
      >
        <Input inputMode="url" />
      </Form.Item>
      <Form.Item
        name="leadDays"
        label={t(
          '到期前几天提醒（不选则用平台默认）',
          'Days before expiry to remind me (none: platform default)',
        )}
      >
        <Select
          mode="multiple"
          options={LEAD_DAY_CHOICES.map((d) => ({ value: d, label: t('{n} 天', '{n} days', { n: d }) }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('保存', 'Save')}
      </Button>
    </Form>
  );
}
