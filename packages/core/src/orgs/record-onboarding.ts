import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Actor } from '../shared/actor.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { departmentTarget } from './create-department.js';
import { getDepartmentOrThrow } from './get-department.js';
import type { Onboarding } from './ports.js';

export interface RecordOnboardingInput {
  readonly departmentId: string;
  readonly onboardedOn: string;
  readonly systems: string[];
  readonly note?: string;
}

/** Records that a department joined the platform (进驻): date, systems connected, note. */
export async function recordOnboarding(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<RecordOnboardingInput>,
): Promise<Onboarding> {
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, input.departmentId);
    authorize(actor, 'departments.manage', {
      regionCode: department.regionCode,
      departmentId: department.id,
    });
    if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');
    const now = deps.clock.now();
    const onboarding: Onboarding = {
      id: deps.ids.uuid(),
      departmentId: department.id,
      onboardedOn: input.onboardedOn,
      systems: input.systems,
      note: input.note ?? null,
      createdAt: now,
    };
    await r.departments.insertOnboarding(onboarding);
    await r.audit.append(
      auditEntry(actor, meta, now, 'orgs.onboarding.recorded', departmentTarget(department), {
        onboardingId: onboarding.id,
        onboardedOn: onboarding.onboardedOn,
        systems: onboarding.systems,
      }),
    );
    return onboarding;
  });
}

export async function listOnboardings(deps: Pick<CoreDeps, 'uow'>, actor: Actor, departmentId: string) {
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, departmentId);
    authorize(actor, 'departments.manage', { regionCode: department.regionCode, departmentId });
    return r.departments.listOnboardings(departmentId);
  });
}
