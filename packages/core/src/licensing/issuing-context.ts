import { validateUscc } from '@zhengyin/gm';
import { hasRole } from '../accounts/policy.js';
import type { LicenseTypeVersion } from '../catalog/types.js';
import type { Department } from '../orgs/ports.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import { canSign } from '../seals/lifecycle.js';
import { loadSeal } from '../seals/seal-access.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { IssuingSeal } from './sign-license.js';

export type UsableSeal = IssuingSeal['seal'] & { readonly keyRef: string };

/** The published type, or CATALOG_TYPE_NOT_FOUND / LICENSE_TYPE_NOT_PUBLISHED. */
export async function publishedType(r: Repositories, typeCode: string): Promise<LicenseTypeVersion> {
  const type = await r.licenseTypes.published(typeCode);
  if (type) return type;
  if ((await r.licenseTypes.latestVersion(typeCode)) > 0)
    throw new AppError('LICENSE_TYPE_NOT_PUBLISHED', `licence type ${typeCode} is not published`, {
      typeCode,
    });
  throw new AppError('CATALOG_TYPE_NOT_FOUND', `licence type ${typeCode} not found`, { typeCode });
}

/**
 * Who may issue: an issuer of the department, the department allowed for the type, a department
 * with a valid 统一社会信用代码 (the identifier's issuer segment), and an active seal of that department.
 */
export async function issuingContext(
  r: Repositories,
  actor: Actor,
  input: { typeCode: string; departmentId: string; sealId?: string | undefined },
  now: Date,
): Promise<{ type: LicenseTypeVersion; department: Department; seal: UsableSeal; chain: Uint8Array[] }> {
  const department = await getDepartmentOrThrow(r.departments, input.departmentId);
  const scope = { regionCode: department.regionCode, departmentId: department.id };
  const app =
    actor.kind === 'app' && actor.departmentId === department.id && actor.scopes.includes('licenses:issue');
  if (!app && !hasRole(actor, ['issuer'], scope))
    throw new AppError('AUTH_FORBIDDEN', 'only issuers of the department issue its licences', scope);
  const type = await publishedType(r, input.typeCode);
  if (!type.issuerDepartmentIds.includes(department.id))
    throw new AppError('LICENSE_ISSUER_NOT_ALLOWED', `${department.name} may not issue ${type.name}`, {
      typeCode: type.typeCode,
      departmentId: department.id,
    });
  if (!validateUscc(department.uscc).valid)
    throw new AppError('LICENSE_ISSUER_CODE_INVALID', 'the department has no valid 统一社会信用代码', {
      departmentId: department.id,
    });
  const sealId = input.sealId ?? type.sealId;
  if (!sealId) throw new AppError('LICENSE_SEAL_UNUSABLE', 'the type has no bound seal; name one');
  const seal = await loadSeal(r, sealId);
  const { keyRef, certificate, image } = seal;
  if (seal.departmentId !== department.id)
    throw new AppError('LICENSE_SEAL_UNUSABLE', 'the seal belongs to another department', { sealId });
  if (!canSign(seal.status, seal.validFrom, seal.validTo, now) || !keyRef || !certificate || !image)
    throw new AppError('LICENSE_SEAL_UNUSABLE', `the seal is ${seal.status}`, {
      sealId,
      status: seal.status,
    });
  const chain = (await r.certificateAuthorities.list()).filter((ca) => ca.active).map((ca) => ca.certificate);
  return { type, department, seal: { ...seal, keyRef, certificate, image }, chain };
}
