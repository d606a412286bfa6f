import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/seals',
    label: ['电子印章', 'Seals'],
    roles: ['seal_admin', 'seal_keeper', 'approver'],
  },
  {
    path: '/console/seals/apply',
    label: ['申请印章', 'Apply for a seal'],
    roles: ['seal_admin'],
  },
  {
    path: '/console/seals/sign',
    label: ['用印签章', 'Seal a document'],
    roles: ['seal_keeper'],
  },
];
