import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/seals',
    label: ['电子印章', 'Seals'],
    roles: ['seal_admin', 'seal_keeper', 'approver', 'region_admin', 'platform_admin'],
  },
];
