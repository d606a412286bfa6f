import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  { path: '/console/audit', label: ['审计', 'Audit'], roles: ['auditor', 'platform_admin'] },
];
