import type {
  AppView,
  AuditRecord,
  Department,
  Onboarding,
  Region,
  Seal,
  SealDetail,
  SealUsage,
  SealUseRequest,
  UserView,
} from '@zhengyin/core';
import { encodePem } from '@zhengyin/gm';

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

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentSeal = (s: Seal) => ({
  id: s.id,
  code: s.code,
  type: s.type,
  purpose: s.purpose,
  name: s.name,
  owner: { kind: s.owner.kind, name: s.owner.name, code: s.owner.code },
  departmentId: s.departmentId,
  regionCode: s.regionCode,
  status: s.status,
  algorithm: s.algorithm,
  keeperId: s.keeperId,
  applicantId: s.applicantId,
  reason: s.reason,
  approvalSteps: s.approvalSteps.map((step) => ({ ...step })),
  approvalsDone: s.approvalsDone,
  image: s.image
    ? {
        shape: s.image.shape,
        pngBase64: b64(s.image.png),
        svg: s.image.svg,
        widthMm: s.image.widthMm,
        heightMm: s.image.heightMm,
      }
    : null,
  certificatePem: s.certificate ? encodePem('CERTIFICATE', s.certificate) : null,
  sesSealBase64: s.sesSeal ? b64(s.sesSeal) : null,
  sealVersion: s.sealVersion,
  validFrom: iso(s.validFrom),
  validTo: iso(s.validTo),
  replacesSealId: s.replacesSealId,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  version: s.version,
});

export const presentSealDetail = (d: SealDetail) => ({
  seal: presentSeal(d.seal),
  filing: d.filing
    ? {
        madeAt: d.filing.madeAt.toISOString(),
        filedAt: iso(d.filing.filedAt),
        filingNumber: d.filing.filingNumber,
        authority: d.filing.authority,
        overdue: d.filing.overdue,
      }
    : null,
  reviews: d.reviews.map((r) => ({
    step: r.step,
    reviewerId: r.reviewerId,
    decision: r.decision,
    comment: r.comment,
    at: r.at.toISOString(),
  })),
  history: d.history.map((h) => ({
    status: h.status,
    action: h.action,
    reason: h.reason,
    actorId: h.actorId,
    at: h.at.toISOString(),
  })),
  versions: d.versions.map((v) => ({
    version: v.version,
    validFrom: v.validFrom.toISOString(),
    validTo: v.validTo.toISOString(),
    createdAt: v.createdAt.toISOString(),
  })),
  attachments: d.attachments.map((a) => ({
    id: a.id,
    name: a.name,
    contentType: a.contentType,
    sha256: a.sha256,
    size: a.size,
  })),
});

export const presentSealUseRequest = (u: SealUseRequest) => ({
  ...u,
  decidedAt: iso(u.decidedAt),
  createdAt: u.createdAt.toISOString(),
});

export const presentSealUsage = (u: SealUsage) => ({
  id: u.id,
  useRequestId: u.useRequestId,
  signerId: u.signerId,
  approverId: u.approverId,
  reason: u.reason,
  documentSha256: u.documentSha256,
  sealedSha256: u.sealedSha256,
  at: u.at.toISOString(),
});
