import type { MenuEntry } from '../types';

/** Who may read licences (core policy licenses.read); issuers also issue and import. */
export const menu: MenuEntry[] = [
  {
    path: '/console/licenses',
    label: ['证照', 'Licences'],
    roles: ['issuer', 'auditor', 'catalog_admin'],
  },
];
