import type { AppView, AuditRecord, Department, Onboarding, Region, UserView } from '@zhengyin/core';

/** Domain objects to wire shapes (dates as ISO strings). */
export const presentRegion = (r: Region) => ({ ...r });

export const presentDepartment = (d: Department) => ({
  ...d,
  contact: { ...d.contact },
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export const presentOnboarding = (o: Onboarding) => ({ ...o, createdAt: o.createdAt.toISOString() });

export const presentUser = (u: UserView) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles.map((g) => ({ ...g })),
  active: u.active,
  mustChangePassword: u.mustChangePassword,
  totpEnabled: u.totpEnabled,
  lockedUntil: u.lockedUntil?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

export const presentCurrentUser = (u: UserView) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles.map((g) => ({ ...g })),
  mustChangePassword: u.mustChangePassword,
  totpEnabled: u.totpEnabled,
});

export const presentApp = (a: AppView) => ({
  id: a.id,
  name: a.name,
  appKey: a.appKey,
  departmentId: a.departmentId,
  scopes: [...a.scopes],
  ipAllowList: [...a.ipAllowList],
  active: a.active,
  previousSecretExpiresAt: a.previousSecretExpiresAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

export const presentAuditEvent = (r: AuditRecord) => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actor: { kind: r.actorKind as 'user' | 'app' | 'holder' | 'system' | 'anonymous', id: r.actorId },
  action: r.action,
  target: { type: r.targetType, id: r.targetId },
  regionCode: r.regionCode,
  details: r.details,
  requestId: r.requestId,
  clientIp: r.clientIp,
  prevHash: r.prevHash,
  hash: r.hash,
});
