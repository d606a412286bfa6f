import type { RoleName } from '../../session';

/** Who may read the seal registry (policy `seals.read`). */
export const SEAL_READER_ROLES: readonly RoleName[] = ['seal_admin', 'seal_keeper', 'approver'];
/** Who may ask to use a seal (policy `seals.use.request`); only the keeper seals. */
export const SEAL_USER_ROLES: readonly RoleName[] = ['seal_admin', 'seal_keeper', 'issuer', 'user_operator'];
