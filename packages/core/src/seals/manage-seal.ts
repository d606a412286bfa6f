import { auditEntry } from '../audit/entry.js';
import type { AuditAction } from '../audit/actions.js';
import { authorize } from '../accounts/policy.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { parseCertificate } from '@zhengyin/gm';
import { issueCertificate } from '../pki/issue-certificate.js';
import { canRenew, filingOverdue, nextSealStatus } from './lifecycle.js';
import type { SealAction } from './lifecycle.js';
import { buildSesSeal, recordStatus, saveNewVersion } from './make-seal.js';
import { authorizeOnSeal, loadSeal, saveSeal, sealTarget } from './seal-access.js';
import type { ApprovalStep, Seal } from './types.js';

/** 备案: the seal administrator records the public-security filing; the seal becomes active. */
export async function fileSeal(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; filingNumber: string; authority: string }>,
): Promise<Seal> {
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, input.id, true);
    authorizeOnSeal(actor, 'seals.administer', seal);
    const now = deps.clock.now();
    const next: Seal = {
      ...seal,
      status: nextSealStatus(seal.status, 'file'),
      updatedAt: now,
      version: seal.version + 1,
    };
    await saveSeal(r, next, seal);
    const filing = await r.seals.filing(seal.id);
    const madeAt = filing?.madeAt ?? now;
    await r.seals.upsertFiling({
      sealId: seal.id,
      madeAt,
      filedAt: now,
      filingNumber: input.filingNumber,
      authority: input.authority,
      filedBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordStatus(r, next, 'file', input.filingNumber, actor, now);
    if (next.replacesSealId) await revokeReplaced(r, next.replacesSealId, next, actor, meta, now);
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.filed', sealTarget(next), {
        filingNumber: input.filingNumber,
        authority: input.authority,
        late: filingOverdue(madeAt, null, now),
      }),
    );
    return next;
  });
}

async function revokeReplaced(
  r: Parameters<Parameters<CoreDeps['uow']['run']>[0]>[0],
  oldId: string,
  replacement: Seal,
  actor: Call<unknown>['actor'],
  meta: Call<unknown>['meta'],
  now: Date,
) {
  const old = await loadSeal(r, oldId, true);
  if (old.status === 'revoked' || old.status === 'destroyed') return;
  const revoked: Seal = {
    ...old,
    status: nextSealStatus(old.status, 'revoke'),
    updatedAt: now,
    version: old.version + 1,
  };
  await saveSeal(r, revoked, old);
  const reason = `replaced by ${replacement.code} (change of name)`;
  await recordStatus(r, revoked, 'revoke', reason, actor, now);
  await r.audit.append(
    auditEntry(actor, meta, now, 'seals.revoked', sealTarget(revoked), {
      reason,
      replacedBy: replacement.id,
    }),
  );
}

const STATUS_ACTIONS = {
  suspend: 'seals.suspended',
  resume: 'seals.resumed',
  report_lost: 'seals.reported_lost',
  revoke: 'seals.revoked',
} as const satisfies Partial<Record<SealAction, AuditAction>>;

export type SealStatusAction = keyof typeof STATUS_ACTIONS;

/**
 * 停用 / 恢复 / 挂失 / 注销 with a reason. The keeper may also report the seal lost (it is suspended
 * at once); everything else is for the seal administrator.
 */
export async function changeSealStatus(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; action: SealStatusAction; reason: string }>,
): Promise<Seal> {
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, input.id, true);
    const keeperReportsLoss =
      input.action === 'report_lost' && actor.kind === 'user' && actor.id === seal.keeperId;
    if (!keeperReportsLoss) authorizeOnSeal(actor, 'seals.administer', seal);
    const now = deps.clock.now();
    const next: Seal = {
      ...seal,
      status: nextSealStatus(seal.status, input.action),
      updatedAt: now,
      version: seal.version + 1,
    };
    await saveSeal(r, next, seal);
    await recordStatus(r, next, input.action, input.reason, actor, now);
    await r.audit.append(
      auditEntry(actor, meta, now, STATUS_ACTIONS[input.action], sealTarget(next), { reason: input.reason }),
    );
    return next;
  });
}

/** 销毁: destroys the key of a revoked seal in the vault (irreversible). */
export async function destroySealKey(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'keys'>,
  { actor, meta, input }: Call<{ id: string; reason: string }>,
): Promise<Seal> {
  const seal = await deps.uow.run((r) => loadSeal(r, input.id));
  authorizeOnSeal(actor, 'seals.administer', seal);
  nextSealStatus(seal.status, 'destroy_key');
  if (seal.keyRef) await deps.keys.destroy(seal.keyRef, { actor, meta });
  return deps.uow.run(async (r) => {
    const current = await loadSeal(r, input.id, true);
    const now = deps.clock.now();
    const next: Seal = {
      ...current,
      status: nextSealStatus(current.status, 'destroy_key'),
      updatedAt: now,
      version: current.version + 1,
    };
    await saveSeal(r, next, current);
    await recordStatus(r, next, 'destroy_key', input.reason, actor, now);
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.key_destroyed', sealTarget(next), {
        reason: input.reason,
        keyRef: seal.keyRef,
      }),
    );
    return next;
  });
}

/**
 * 续期: from `windowDays` before expiry (or after it), a new certificate for the seal key and a new
 * SESeal version; same seal code.
 */
export async function renewSeal(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  { actor, meta, input }: Call<{ id: string; windowDays: number; validityDays: number }>,
): Promise<Seal> {
  const seal = await deps.uow.run((r) => loadSeal(r, input.id));
  authorizeOnSeal(actor, 'seals.administer', seal);
  const now = deps.clock.now();
  if (!canRenew(seal.status, seal.validTo, now, input.windowDays)) {
    if (seal.status === 'active') {
      throw new AppError('SEALS_RENEWAL_TOO_EARLY', `renewal opens ${input.windowDays} days before expiry`, {
        validTo: seal.validTo?.toISOString() ?? null,
      });
    }
    nextSealStatus(seal.status, 'renew');
  }
  if (!seal.keyRef || !seal.certificate)
    throw new AppError('SEALS_INVALID_TRANSITION', 'the seal was never made');
  const old = parseCertificate(seal.certificate);
  const certificate = await issueCertificate(
    deps,
    { actor, meta },
    {
      subject: old.subject,
      publicKey: old.publicKey.spki,
      notBefore: now,
      notAfter: new Date(now.getTime() + input.validityDays * 86_400_000),
      extensions: { basicConstraints: { ca: false }, keyUsage: ['digitalSignature', 'nonRepudiation'] },
    },
  );
  const sesSeal = await buildSesSeal(deps, seal, certificate);
  return deps.uow.run(async (r) => {
    const current = await loadSeal(r, seal.id, true);
    const next = await saveNewVersion(
      r,
      current,
      nextSealStatus(current.status, 'renew'),
      certificate,
      sesSeal,
      now,
    );
    const cert = parseCertificate(certificate);
    await recordStatus(r, next, 'renew', null, actor, now);
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.renewed', sealTarget(next), {
        sealVersion: next.sealVersion,
        certificateSerial: cert.serialHex,
        validTo: cert.notAfter.toISOString(),
      }),
    );
    return next;
  });
}

/** Marks seals whose validity ended as expired (run by the scheduler; idempotent). */
export async function expireSeals(deps: Pick<CoreDeps, 'uow' | 'clock'>, limit = 500): Promise<number> {
  return deps.uow.run(async (r) => {
    const now = deps.clock.now();
    const due = await r.seals.listExpiring(now, limit);
    for (const seal of due) {
      const next: Seal = {
        ...seal,
        status: nextSealStatus(seal.status, 'expire'),
        updatedAt: now,
        version: seal.version + 1,
      };
      await saveSeal(r, next, seal);
      await recordStatus(r, next, 'expire', null, SYSTEM_ACTOR, now);
      await r.audit.append(
        auditEntry(
          SYSTEM_ACTOR,
          { requestId: null, clientIp: null },
          now,
          'seals.expired',
          sealTarget(next),
          {
            validTo: seal.validTo?.toISOString() ?? null,
          },
        ),
      );
    }
    return due.length;
  });
}

/** Configures the approval chain of a region's seal applications. */
export async function setSealApprovalChain(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ regionCode: string; steps: readonly ApprovalStep[] }>,
): Promise<void> {
  authorize(actor, 'seals.administer', { regionCode: input.regionCode });
  if (input.steps.length === 0 || input.steps.length > 5) {
    throw new AppError('REQUEST_VALIDATION_FAILED', 'an approval chain has 1 to 5 steps');
  }
  await deps.uow.run(async (r) => {
    await r.seals.setApprovalChain(input.regionCode, input.steps);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        deps.clock.now(),
        'seals.approval_chain_set',
        { type: 'region', id: input.regionCode, regionCode: input.regionCode },
        {
          steps: input.steps.map((s) => ({ ...s })),
        },
      ),
    );
  });
}
