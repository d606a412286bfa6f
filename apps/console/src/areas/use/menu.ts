import type { MenuEntry } from '../types';

export const menu: MenuEntry[] = [
  { path: '/console/use', label: ['用证', 'Use'], roles: ['user_operator', 'region_admin'] },
];
