import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { SealImageMaker } from './ports.js';
import { applySeal } from './apply-seal.js';
import { authorizeOnSeal, loadSeal } from './seal-access.js';
import type { Seal } from './types.js';

export interface ChangeSealInput {
  readonly id: string;
  /** The new seal name (e.g. after the unit was renamed). */
  readonly name: string;
  /** New owner name for enterprise and personal seals; department seals take the department's name. */
  readonly ownerName?: string;
  readonly reason: string;
}

/**
 * 变更 (unit renamed, legal representative changed): a new seal is applied for with the new name,
 * same type, keeper and algorithm; the old seal is revoked when the new one is filed (备案).
 */
export async function changeSeal(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'> & {
    images: SealImageMaker;
    sha256: (b: Uint8Array) => Uint8Array;
  },
  { actor, meta, input }: Call<ChangeSealInput>,
): Promise<Seal> {
  const old = await deps.uow.run((r) => loadSeal(r, input.id));
  authorizeOnSeal(actor, 'seals.apply', old);
  if (!['active', 'suspended'].includes(old.status)) {
    throw new AppError('SEALS_INVALID_TRANSITION', `cannot change a seal that is ${old.status}`, {
      status: old.status,
    });
  }
  const owner =
    old.owner.kind === 'department'
      ? ({ kind: 'department' } as const)
      : { kind: old.owner.kind, name: input.ownerName ?? old.owner.name, code: old.owner.code };
  return applySeal(deps, {
    actor,
    meta,
    input: {
      departmentId: old.departmentId,
      type: old.type,
      purpose: old.purpose,
      name: input.name,
      owner,
      keeperId: old.keeperId,
      reason: `变更换章：${input.reason}`,
      algorithm: old.algorithm,
      image: { kind: 'generate' },
      replacesSealId: old.id,
    },
  });
}
