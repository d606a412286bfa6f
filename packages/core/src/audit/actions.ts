/**
 * The typed catalogue of audit actions. Every state change appends one of these in the same
 * transaction; denied requests and failed logins are recorded too. Names never change meaning.
 */
export const AUDIT_ACTIONS = {
  'system.bootstrapped': 'First start: platform administrator created',
  'orgs.region.created': 'Region created',
  'orgs.region.updated': 'Region renamed, deactivated or reactivated',
  'orgs.department.created': 'Department created',
  'orgs.department.updated': 'Department details changed',
  'orgs.department.deactivated': 'Department deactivated',
  'orgs.onboarding.recorded': 'Department onboarding (进驻) recorded',
  'accounts.user.created': 'Staff account created',
  'accounts.user.updated': 'Staff account changed (name, roles, active)',
  'accounts.user.password_reset': 'Password reset by an administrator',
  'accounts.user.password_changed': 'Own password changed',
  'accounts.user.locked': 'Account locked after repeated failed logins',
  'accounts.user.totp_setup': 'New TOTP secret generated (not yet active)',
  'accounts.user.totp_enabled': 'TOTP enabled',
  'accounts.login.succeeded': 'Login succeeded',
  'accounts.login.failed': 'Login failed',
  'accounts.logout': 'Logout',
  'accounts.app.created': 'App registered',
  'accounts.app.updated': 'App scopes, allow-list or status changed',
  'accounts.app.secret_rotated': 'App secret rotated',
  'keys.generated': 'Key pair generated in the key vault',
  'keys.imported': 'Private key imported into the key vault',
  'keys.pin_changed': 'Key PIN set or changed',
  'keys.locked': 'Key locked after repeated wrong PINs',
  'keys.destroyed': 'Key destroyed: its wrapped private key erased',
  'keys.master_key_rotated': 'Master key rotated: vault keys re-wrapped, secrets re-sealed',
  'pki.ca.created': 'Certificate authority created (the development CA on first start)',
  'access.denied': 'Request denied (authentication or authorisation)',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
