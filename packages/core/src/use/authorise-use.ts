import { auditEntry } from '../audit/entry.js';
import type { Department } from '../orgs/ports.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { actingDepartment, actorRef } from './access.js';
import { contextTarget, requireUsable, requireUseListCover } from './context-rules.js';
import type { UsePorts } from './ports.js';
import { guardSubject, withRefusalRecord } from './refusals.js';
import { USE_CODE_PATTERN, hashUseCode } from './use-code.js';
import type { UsageContext, UseListEntry } from './types.js';

export type AuthoriseUseInput = { readonly code: string } | { readonly dutyContextId: string };

export interface AuthorisedUse {
  /** The approved context: department, holder, licence types, data items, cause, item. */
  readonly context: UsageContext;
  readonly department: Department;
  /** The department's approved use-list entries covering it (one per licence type). */
  readonly entries: readonly UseListEntry[];
  readonly via: 'code' | 'duty';
}

/** Where a refusal is counted and filed; filled as the check learns more. */
export interface AuthoriseTrace {
  subject: string | null;
  department: Department | null;
}

/**
 * Checks a use-code (or a duty-based context) for the acting department inside the caller's
 * transaction and, when `consume` is set, uses the code up. Refusals, in this order: USE_CODE_LOCKED,
 * USE_CODE_INVALID, USE_CODE_WRONG_DEPARTMENT, USE_CODE_ALREADY_USED, USE_CODE_EXPIRED,
 * USE_CONTEXT_EXPIRED / USE_CONTEXT_NOT_APPROVED, USE_NOT_IN_USE_LIST (the list changed since).
 * Callers record refusals with `withRefusalRecord` (see authoriseUse).
 */
export async function authoriseUseIn(
  r: Repositories,
  deps: Pick<CoreDeps, 'clock'>,
  actor: Actor,
  input: AuthoriseUseInput & { readonly departmentId?: string },
  options: { readonly consume: boolean; readonly trace?: AuthoriseTrace },
): Promise<AuthorisedUse> {
  const department = await actingDepartment(r, actor, input.departmentId);
  const subject = guardSubject(actor, department.id);
  if (options.trace) Object.assign(options.trace, { subject, department });
  const now = deps.clock.now();
  const lockedUntil = await r.useGuard.lockedUntil(subject, now);
  if (lockedUntil)
    throw new AppError('USE_CODE_LOCKED', 'too many failed use-codes: try again later', {
      lockedUntil: lockedUntil.toISOString(),
    });
  let context: UsageContext | null;
  if ('code' in input) {
    const code = input.code.trim();
    const row = USE_CODE_PATTERN.test(code) ? await r.useCodes.getForUpdate(hashUseCode(code)) : null;
    if (!row) throw new AppError('USE_CODE_INVALID', 'no such use-code');
    if (row.departmentId !== department.id)
      throw new AppError('USE_CODE_WRONG_DEPARTMENT', 'the use-code was issued to another department');
    if (row.usedAt)
      throw new AppError('USE_CODE_ALREADY_USED', 'the use-code was already redeemed', {
        usedAt: row.usedAt.toISOString(),
      });
    if (row.expiresAt <= now)
      throw new AppError('USE_CODE_EXPIRED', 'the use-code has expired', {
        expiredAt: row.expiresAt.toISOString(),
      });
    context = await r.usageContexts.get(row.contextId);
    if (!context) throw new AppError('USE_CODE_INVALID', 'no such use-code');
    requireUsable(context, now);
    if (options.consume && !(await r.useCodes.markUsed(row.codeHash, now, actorRef(actor).id)))
      throw new AppError('USE_CODE_ALREADY_USED', 'the use-code was already redeemed');
  } else {
    context = await r.usageContexts.get(input.dutyContextId);
    if (!context || context.departmentId !== department.id)
      throw new AppError('USE_CONTEXT_NOT_FOUND', `usage context ${input.dutyContextId} not found`, {
        id: input.dutyContextId,
      });
    if (context.mode !== 'duty')
      throw new AppError(
        'USE_DUTY_NOT_ALLOWED',
        'only a duty-based (依职能) context is used without a code',
        {
          contextId: context.id,
          mode: context.mode,
        },
      );
    requireUsable(context, now);
  }
  const entries = await requireUseListCover(r, context);
  return { context, department, entries, via: 'code' in input ? 'code' : 'duty' };
}

/**
 * For the sharing API and other callers: checks and consumes a use-code (or checks a duty-based
 * context) in its own transaction, audited; refusals are audited in their own transaction and counted
 * towards the department's (or app's) lockout.
 */
export async function authoriseUse(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  ports: Pick<UsePorts, 'policy'>,
  { actor, meta, input }: Call<AuthoriseUseInput & { readonly departmentId?: string }>,
): Promise<AuthorisedUse> {
  const trace: AuthoriseTrace = { subject: null, department: null };
  return withRefusalRecord(
    deps,
    ports.policy,
    { actor, meta, action: 'use.code.refused', details: { via: 'code' in input ? 'code' : 'duty' } },
    () => ({ subject: trace.subject, regionCode: trace.department?.regionCode ?? null }),
    () =>
      deps.uow.run(async (r) => {
        const use = await authoriseUseIn(r, deps, actor, input, { consume: true, trace });
        await r.audit.append(
          auditEntry(actor, meta, deps.clock.now(), 'use.authorised', contextTarget(use.context), {
            departmentId: use.department.id,
            via: use.via,
          }),
        );
        return use;
      }),
  );
}
