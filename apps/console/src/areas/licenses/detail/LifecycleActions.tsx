import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { CANCEL_REASONS } from '../labels';
import type { License } from '../model';
import type { LifecycleAction } from './actions';
import { actionsFor, LIFECYCLE_ACTIONS } from './actions';

interface ActionForm {
  reason: string;
  reasonCode?: 'normal' | 'issued_in_error' | 'other';
  validTo?: Dayjs;
  inspectionResult?: string;
  inspectionDate?: Dayjs;
  pledgee?: string;
}

/**
 * The lifecycle actions the licence's status allows, each confirmed in a dialog with its reason
 * (and what the action needs); 变更 opens the issuance form prefilled.
 */
export function LifecycleActions({ license, onChanged }: { license: License; onChanged(l: License): void }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState<LifecycleAction | null>(null);
  const [form] = Form.useForm<ActionForm>();
  const { run, busy } = useAction();
  const available = actionsFor(license.status, license.longTerm);
  const def = LIFECYCLE_ACTIONS.find((a) => a.action === open);
  const name = (names: readonly [string, string]) => (lang === 'en' ? names[1] : names[0]);

  const submit = async (v: ActionForm) => {
    if (!def) return;
    const changed = await run(
      () =>
        api.changeLicense({
          params: { id: license.id },
          body: {
            action: def.action,
            reason: v.reason.trim(),
            rowVersion: license.rowVersion,
            ...(def.needs === 'reasonCode' && v.reasonCode ? { reasonCode: v.reasonCode } : {}),
            ...(def.needs === 'validTo' && v.validTo ? { validTo: v.validTo.format('YYYY-MM-DD') } : {}),
            ...(def.needs === 'pledgee' && v.pledgee ? { pledgee: v.pledgee.trim() } : {}),
            ...(def.needs === 'inspection' && v.inspectionResult && v.inspectionDate
              ? {
                  inspection: {
                    result: v.inspectionResult.trim(),
                    date: v.inspectionDate.format('YYYY-MM-DD'),
                  },
                }
              : {}),
          },
        }),
      t('已{action}', '{action}: done', { action: name(def.names) }),
    );
    if (changed) {
      setOpen(null);
      form.resetFields();
      onChanged(changed);
    }
  };

  if (available.length === 0 && license.status !== 'valid') return null;
  const required = (zh: string, en: string) => [{ required: true, whitespace: true, message: t(zh, en) }];

  return (
    <>
      <div role="group" aria-label={t('证照操作', 'Licence actions')}>
        <Space wrap>
          {license.status === 'valid' && (
            <Button type="primary" onClick={() => void navigate(`/console/licenses/${license.id}/change`)}>
              {t('变更', 'Change')}
            </Button>
          )}
          {available.map((a) => (
            <Button key={a.action} danger={a.danger} onClick={() => setOpen(a.action)}>
              {name(a.names)}
            </Button>
          ))}
        </Space>
      </div>
      <Modal
        open={!!def}
        title={def && t('确认{action}证照', 'Confirm: {action} the licence', { action: name(def.names) })}
        okText={def && t('确认{action}', 'Confirm {action}', { action: name(def.names).toLowerCase() })}
        okButtonProps={{ danger: def?.danger, loading: busy }}
        cancelText={t('取消', 'Cancel')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {def?.danger && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '此操作不可撤销：证照 {n} 将不再有效。',
              'This cannot be undone: licence {n} will no longer be valid.',
              { n: license.licenseNumber },
            )}
          />
        )}
        <Form<ActionForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          {def?.needs === 'reasonCode' && (
            <Form.Item
              name="reasonCode"
              label={t('注销原因类别', 'Cancellation reason code')}
              rules={[{ required: true, message: t('请选择原因类别', 'Choose a reason code') }]}
            >
              <Select options={CANCEL_REASONS.map((r) => ({ value: r.value, label: name(r.names) }))} />
            </Form.Item>
          )}
          {def?.needs === 'validTo' && (
            <Form.Item
              name="validTo"
              label={t('新的有效期截止日', 'New end date')}
              rules={[{ required: true, message: t('请选择日期', 'Choose a date') }]}
            >
              <DatePicker />
            </Form.Item>
          )}
          {def?.needs === 'pledgee' && (
            <Form.Item
              name="pledgee"
              label={t('质权人', 'Pledgee')}
              rules={required('请输入质权人', 'Enter the pledgee')}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
          {def?.needs === 'inspection' && (
            <>
              <Form.Item
                name="inspectionResult"
                label={t('年检结果', 'Inspection result')}
                rules={required('请输入年检结果', 'Enter the result')}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="inspectionDate"
                label={t('年检日期', 'Inspection date')}
                rules={[{ required: true, message: t('请选择日期', 'Choose a date') }]}
              >
                <DatePicker />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="reason"
            label={t('原因', 'Reason')}
            rules={required('请填写原因', 'Give the reason')}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
