import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import type { Objection } from './types';

/** 异议标注: the issuing department marks the objection (the licence shows 异议中 meanwhile). */
export function AcknowledgeButton({
  objection,
  onDone,
}: {
  objection: Objection;
  onDone(o: Objection): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const { run, busy } = useAction();
  const acknowledge = async (v: { note?: string }) => {
    const done = await run(
      () =>
        api.acknowledgeObjection({
          params: { id: objection.id },
          body: { rowVersion: objection.rowVersion, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      t('已标注', 'Acknowledged'),
    );
    if (done) {
      setOpen(false);
      onDone(done);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('异议标注', 'Acknowledge')}
      </Button>
      <Modal
        open={open}
        title={t('异议标注', 'Acknowledge the objection')}
        okText={t('标注', 'Acknowledge')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void acknowledge(v)}>
          <Form.Item name="note" label={t('备注（可选）', 'Note (optional)')}>
            <Input.TextArea maxLength={1000} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
