import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/metrics',
    label: ['运行监测', 'Metrics'],
    roles: ['platform_admin', 'region_admin', 'auditor', 'catalog_admin'],
  },
];
