import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useId } from 'react';

/** A titled part of a report (an h2 the section is labelled by). */
export function ReportSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} style={{ marginTop: 20 }}>
      <Typography.Title level={2} id={id} style={{ fontSize: 18, marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}
