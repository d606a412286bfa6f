import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/objections',
    label: ['异议', 'Objections'],
    roles: ['issuer', 'region_admin', 'user_operator', 'auditor'],
  },
];
