import { AutoComplete, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n';
import type { ActorKind } from './types';

export interface EventFilter {
  from?: string;
  to?: string;
  actorKind?: ActorKind;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

interface Values {
  range?: [Dayjs | null, Dayjs | null] | null;
  actorKind?: ActorKind;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

interface Props {
  /** Action names and target types seen so far, offered as suggestions. */
  readonly knownActions: readonly string[];
  readonly knownTargetTypes: readonly string[];
  onChange(filter: EventFilter): void;
}

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function EventFilters({ knownActions, knownTargetTypes, onChange }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    const filter: EventFilter = {
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
      actorKind: v.actorKind,
      actorId: trimmed(v.actorId),
      action: trimmed(v.action),
      targetType: trimmed(v.targetType),
      targetId: trimmed(v.targetId),
    };
    onChange(Object.fromEntries(Object.entries(filter).filter(([, x]) => x !== undefined)));
  };
  const suggestions = (list: readonly string[]) => list.map((value) => ({ value }));
  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label={t('筛选条件', 'Filters')}>
      <Flex gap={12} wrap align="end">
        <Form.Item name="range" label={t('时间范围', 'Time range')} style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actorKind" label={t('操作者类型', 'Actor kind')} style={{ marginBottom: 0 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={[
              { value: 'user', label: t('工作人员', 'Staff') },
              { value: 'app', label: t('接入应用', 'App') },
              { value: 'holder', label: t('持证主体', 'Holder') },
              { value: 'system', label: t('系统', 'System') },
              { value: 'anonymous', label: t('匿名', 'Anonymous') },
            ]}
          />
        </Form.Item>
        <Form.Item name="actorId" label={t('操作者 ID', 'Actor ID')} style={{ marginBottom: 0 }}>
          <Input allowClear style={{ width: 200 }} maxLength={64} />
        </Form.Item>
        <Form.Item name="action" label={t('操作类型', 'Action')} style={{ marginBottom: 0 }}>
          <AutoComplete
            allowClear
            options={suggestions(knownActions)}
            showSearch={{
              filterOption: (input, option) => !!option?.value.toLowerCase().includes(input.toLowerCase()),
            }}
            style={{ width: 240 }}
            placeholder="accounts.user.created"
          />
        </Form.Item>
        <Form.Item name="targetType" label={t('对象类型', 'Object type')} style={{ marginBottom: 0 }}>
          <AutoComplete
            allowClear
            options={suggestions(knownTargetTypes)}
            style={{ width: 150 }}
            placeholder="user"
          />
        </Form.Item>
        <Form.Item name="targetId" label={t('对象 ID', 'Object ID')} style={{ marginBottom: 0 }}>
          <Input allowClear style={{ width: 200 }} maxLength={128} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit">
            {t('查询', 'Search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t('重置', 'Reset')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
