import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/licenses',
    label: ['证照', 'Licences'],
    roles: ['issuer', 'region_admin', 'platform_admin', 'auditor'],
  },
];
