export * from './shared/app-error.js';
export * from './shared/actor.js';
export * from './shared/runtime.js';
export * from './shared/page.js';
export * from './shared/deps.js';
export * from './shared/unit-of-work.js';
export * from './shared/hex.js';

export * from './audit/actions.js';
export * from './audit/canonical.js';
export * from './audit/chain.js';
export * from './audit/ports.js';
export * from './audit/query-audit.js';
export * from './audit/record-access-denied.js';

export * from './orgs/ports.js';
export * from './orgs/region-code.js';
export * from './orgs/create-region.js';
export * from './orgs/update-region.js';
export * from './orgs/list-regions.js';
export * from './orgs/create-department.js';
export * from './orgs/update-department.js';
export * from './orgs/deactivate-department.js';
export * from './orgs/get-department.js';
export * from './orgs/list-departments.js';
export * from './orgs/record-onboarding.js';

export * from './accounts/roles.js';
export * from './accounts/policy.js';
export * from './accounts/ports.js';
export * from './accounts/password-policy.js';
export * from './accounts/ip-allow-list.js';
export * from './accounts/user-view.js';
export * from './accounts/app-view.js';
export * from './accounts/create-user.js';
export * from './accounts/update-user.js';
export * from './accounts/get-user.js';
export * from './accounts/list-users.js';
export * from './accounts/reset-password.js';
export * from './accounts/login.js';
export * from './accounts/logout.js';
export * from './accounts/resolve-session.js';
export * from './accounts/change-password.js';
export * from './accounts/setup-totp.js';
export * from './accounts/create-app.js';
export * from './accounts/manage-app.js';
export * from './accounts/authenticate-app-request.js';
export * from './accounts/bootstrap.js';
export * from './accounts/session-token.js';

export * from './keys/ports.js';
export * from './keys/pin-lockout.js';
export * from './keys/key-audit.js';

export * from './pki/ports.js';
export * from './pki/ensure-development-ca.js';
