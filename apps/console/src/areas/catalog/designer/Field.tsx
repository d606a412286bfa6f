import { Form } from 'antd';
import type { ReactNode } from 'react';

/** A labelled control of the designer's panels (the label names the input by id). */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <Form.Item label={label} htmlFor={id} style={{ marginBottom: 12 }}>
      {children}
    </Form.Item>
  );
}
