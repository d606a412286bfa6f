import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  { path: '/console/use', label: ['用证清单', 'Use list'], roles: ['user_operator', 'region_admin'] },
  { path: '/console/use/counter', label: ['柜台用证', 'Counter use'], roles: ['user_operator'] },
  { path: '/console/use/scan', label: ['亮证视读', 'View a shown licence'], roles: ['user_operator'] },
  { path: '/console/use/redeem', label: ['用证码兑换', 'Redeem a use-code'], roles: ['user_operator'] },
];
