import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { actingDepartment } from './access.js';
import { requireUsable, requireUseListCover } from './context-rules.js';
import type { UsePorts } from './ports.js';
import type { IssuedUseCode } from './use-code.js';
import { issueCodeIn } from './use-code.js';

/**
 * 用证码: the using department obtains a single-use code for its approved context (≥ 128 random bits,
 * stored only as an SM3 digest, valid for the configured minutes and never beyond the context).
 */
export async function issueUseCode(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  ports: Pick<UsePorts, 'policy'>,
  { actor, meta, input }: Call<{ contextId: string }>,
): Promise<IssuedUseCode> {
  return deps.uow.run(async (r) => {
    const context = await r.usageContexts.get(input.contextId);
    const notFound = () =>
      new AppError('USE_CONTEXT_NOT_FOUND', `usage context ${input.contextId} not found`, {
        id: input.contextId,
      });
    if (!context) throw notFound();
    const department = await actingDepartment(
      r,
      actor,
      actor.kind === 'user' ? context.departmentId : undefined,
    );
    if (department.id !== context.departmentId) throw notFound();
    requireUsable(context, deps.clock.now());
    await requireUseListCover(r, context);
    return issueCodeIn(r, deps, ports.policy, actor, meta, context);
  });
}
