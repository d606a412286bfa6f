import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  {
    path: '/console/admin/orgs',
    label: ['组织机构', 'Organisations'],
    roles: ['platform_admin', 'region_admin'],
  },
  { path: '/console/admin/accounts', label: ['账号', 'Accounts'], roles: ['platform_admin', 'region_admin'] },
  { path: '/console/admin/apps', label: ['接入应用', 'Apps'], roles: ['platform_admin', 'region_admin'] },
  { path: '/console/admin/profile', label: ['个人设置', 'My account'] },
];
