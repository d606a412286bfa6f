import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/metrics',
    label: ['运行监测', 'Metrics'],
    roles: ['platform_admin', 'region_admin', 'auditor', 'catalog_admin'],
  },
  {
    path: '/console/metrics/obligatory',
    label: ['应开通证照目录', 'Obligatory licence list'],
    roles: ['platform_admin', 'region_admin', 'auditor', 'catalog_admin'],
  },
  {
    path: '/console/metrics/service-items',
    label: ['事项清单', 'Service items'],
    roles: ['platform_admin', 'region_admin', 'auditor', 'catalog_admin'],
  },
];
