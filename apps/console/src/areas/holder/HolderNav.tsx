import { Flex } from 'antd';
import type { CSSProperties } from 'react';
import { NavLink } from 'react-router-dom';
import { useI18n } from '../../i18n';

const ENTRIES: readonly { to: string; end?: boolean; label: readonly [string, string] }[] = [
  { to: '/holder', end: true, label: ['我的证照', 'My licences'] },
  { to: '/holder/consents', label: ['用证授权', 'Consents'] },
  { to: '/holder/usage', label: ['用证记录', 'Usage'] },
  { to: '/holder/objections', label: ['异议', 'Objections'] },
  { to: '/holder/reminders', label: ['提醒与通知', 'Reminders'] },
];

const linkStyle = (active: boolean): CSSProperties => ({
  padding: '6px 12px',
  borderRadius: 16,
  border: `1px solid ${active ? '#b71c1c' : '#d9d9d9'}`,
  background: active ? '#b71c1c' : '#fff',
  color: active ? '#fff' : '#262626',
  whiteSpace: 'nowrap',
});

/** The portal's sections as links (they wrap on a narrow screen). */
export function HolderNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('持证人服务', 'Holder services')}>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        {ENTRIES.map((e) => (
          <NavLink key={e.to} to={e.to} end={e.end} style={({ isActive }) => linkStyle(isActive)}>
            {t(e.label[0], e.label[1])}
          </NavLink>
        ))}
      </Flex>
    </nav>
  );
}
