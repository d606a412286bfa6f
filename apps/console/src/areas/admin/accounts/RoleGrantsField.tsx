import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../../../i18n';
import { ROLE_LIST, roleName } from '../../../layouts/roles';
import type { RoleName } from '../../../session';
import { DepartmentSelect } from '../shared/DepartmentSelect';
import { RegionSelect } from '../shared/RegionSelect';
import type { Region } from '../shared/types';
import type { GrantRow } from './grantForm';
import { POWER_NAMES, ROLE_POWER, ROLE_SCOPES, SCOPE_NAMES } from './roleScopes';

interface FormShape {
  roles: GrantRow[];
}

/** The account's roles, each with the region or department it applies to. */
export function RoleGrantsField({ form, regions }: { form: FormInstance; regions: readonly Region[] }) {
  const { t } = useI18n();
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_r, rows: GrantRow[] | undefined) => {
            if (!rows?.length) throw new Error(t('至少授予一个角色', 'Grant at least one role'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.map((field, index) => (
            <GrantRowFields
              key={field.key}
              form={form}
              name={field.name}
              index={index}
              regions={regions}
              onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
            />
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('添加角色', 'Add a role')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

interface RowProps {
  readonly form: FormInstance<FormShape>;
  readonly name: number;
  readonly index: number;
  readonly regions: readonly Region[];
  onRemove?(): void;
}

function GrantRowFields({ form, name, index, regions, onRemove }: RowProps) {
  const { t, lang } = useI18n();
  const role = Form.useWatch(['roles', name, 'role'], form) as RoleName | undefined;
  const chosenScope = Form.useWatch(['roles', name, 'scope'], form) as GrantRow['scope'];
  const allowed = role ? ROLE_SCOPES[role] : [];
  const scope = chosenScope && allowed.includes(chosenScope) ? chosenScope : allowed[0];
  const suffix = index > 0 ? ` ${index + 1}` : '';
  const groups = (['administration', 'use', 'audit'] as const).map((power) => ({
    label: t(...POWER_NAMES[power]),
    options: ROLE_LIST.filter((r) => ROLE_POWER[r] === power).map((r) => ({
      value: r,
      label: roleName(r, lang),
    })),
  }));
  return (
    <Card size="small">
      <Flex gap={8} wrap align="start">
        <Form.Item
          name={[name, 'role']}
          label={t('角色', 'Role') + suffix}
          rules={[{ required: true, message: t('请选择角色', 'Choose a role') }]}
          style={{ minWidth: 180, flex: 1, marginBottom: 0 }}
        >
          <Select
            options={groups}
            virtual={false}
            listHeight={400}
            onChange={(r: RoleName) => form.setFieldValue(['roles', name, 'scope'], ROLE_SCOPES[r][0])}
          />
        </Form.Item>
        {allowed.length > 1 && (
          <Form.Item
            name={[name, 'scope']}
            label={t('范围', 'Scope') + suffix}
            style={{ minWidth: 120, marginBottom: 0 }}
          >
            <Select options={allowed.map((k) => ({ value: k, label: t(...SCOPE_NAMES[k]) }))} />
          </Form.Item>
        )}
        {scope === 'region' && (
          <Form.Item
            name={[name, 'regionCode']}
            label={t('行政区划', 'Region') + suffix}
            rules={[{ required: true, message: t('请选择行政区划', 'Choose a region') }]}
            style={{ minWidth: 220, flex: 2, marginBottom: 0 }}
          >
            <RegionSelect regions={regions} />
          </Form.Item>
        )}
        {scope === 'department' && (
          <Form.Item
            name={[name, 'departmentId']}
            label={t('部门', 'Department') + suffix}
            rules={[{ required: true, message: t('请选择部门', 'Choose a department') }]}
            style={{ minWidth: 260, flex: 2, marginBottom: 0 }}
          >
            <DepartmentSelect />
          </Form.Item>
        )}
        {onRemove && (
          <Button
            type="text"
            icon={<MinusCircleOutlined />}
            aria-label={t('移除角色{n}', 'Remove role {n}', { n: index + 1 })}
            onClick={onRemove}
            style={{ marginTop: 30 }}
          />
        )}
      </Flex>
    </Card>
  );
}
