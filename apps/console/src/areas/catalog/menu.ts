import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/catalog',
    label: ['证照目录', 'Catalogue'],
    roles: ['catalog_admin', 'region_admin', 'platform_admin', 'issuer'],
  },
];
