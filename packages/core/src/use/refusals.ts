import { auditEntry } from '../audit/entry.js';
import type { AuditAction } from '../audit/actions.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { AppError } from '../shared/app-error.js';
import { isAppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { UsePolicy } from './ports.js';

/** Refusals of a presented code that count towards the guessing lockout. */
export const GUESS_FAILURES: ReadonlySet<string> = new Set([
  'USE_CODE_INVALID',
  'USE_CODE_ALREADY_USED',
  'USE_CODE_EXPIRED',
  'USE_CODE_WRONG_DEPARTMENT',
]);

/** Refusals of the use service recorded in the audit trail (in their own transaction). */
export const AUDITED_USE_REFUSALS: ReadonlySet<string> = new Set([
  ...GUESS_FAILURES,
  'USE_CODE_LOCKED',
  'USE_DATA_ITEM_NOT_ALLOWED',
  'USE_NOT_IN_USE_LIST',
  'USE_DUTY_NOT_ALLOWED',
  'USE_HOLDER_MISMATCH',
  'USE_CONTEXT_NOT_APPROVED',
  'USE_CONTEXT_EXPIRED',
  'USE_LICENSE_NOT_FOUND',
  'SHOW_TOKEN_INVALID',
  'SHOW_TOKEN_EXPIRED',
  'SHOW_TOKEN_REPLAYED',
]);

/** The lockout subject: an app is counted on its own, staff per department. */
export function guardSubject(actor: Actor, departmentId: string): string {
  return actor.kind === 'app' ? `app:${actor.id}` : `department:${departmentId}`;
}

/**
 * Records a refusal in its own transaction (the refused work was rolled back) and, for a failed code,
 * counts it; the failure that reaches the threshold within the window locks the subject out.
 */
export async function recordUseRefusal(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  policy: Pick<UsePolicy, 'lockoutThreshold' | 'lockoutWindowMinutes' | 'lockoutMinutes'>,
  refusal: {
    actor: Actor;
    meta: RequestMeta;
    action: AuditAction;
    error: AppError;
    subject: string | null;
    regionCode: string | null;
    details: Record<string, unknown>;
  },
): Promise<void> {
  const { actor, meta, error, subject } = refusal;
  await deps.uow.run(async (r) => {
    const now = deps.clock.now();
    const target = subject ? { type: 'use_subject', id: subject, regionCode: refusal.regionCode } : null;
    await r.audit.append(
      auditEntry(actor, meta, now, refusal.action, target, {
        code: error.code,
        reason: error.message,
        ...refusal.details,
      }),
    );
    if (!subject || !GUESS_FAILURES.has(error.code)) return;
    await r.useGuard.recordFailure(subject, now);
    const since = new Date(now.getTime() - policy.lockoutWindowMinutes * 60_000);
    const failures = await r.useGuard.countFailures(subject, since);
    if (failures >= policy.lockoutThreshold && !(await r.useGuard.lockedUntil(subject, now))) {
      const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
      await r.useGuard.lock(subject, until);
      await r.audit.append(
        auditEntry(actor, meta, now, 'use.code.locked', target, {
          failures,
          windowMinutes: policy.lockoutWindowMinutes,
          lockedUntil: until.toISOString(),
        }),
      );
    }
  });
}

/**
 * Runs `work`; an audited refusal it throws is recorded (see recordUseRefusal) before it is thrown on.
 * `where()` says, at the time of the refusal, what is known about the subject.
 */
export async function withRefusalRecord<T>(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  policy: UsePolicy,
  base: { actor: Actor; meta: RequestMeta; action: AuditAction; details: Record<string, unknown> },
  where: () => { subject: string | null; regionCode: string | null; details?: Record<string, unknown> },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && AUDITED_USE_REFUSALS.has(error.code)) {
      const w = where();
      await recordUseRefusal(deps, policy, {
        ...base,
        error,
        subject: w.subject,
        regionCode: w.regionCode,
        details: { ...base.details, ...w.details, ...(error.details ?? {}) },
      });
    }
    throw error;
  }
}
