import { auditEntry } from '../audit/entry.js';
import { maskValue } from '../catalog/data-items.js';
import { chinaDate } from '../licensing/issue-licenses.js';
import { LONG_TERM } from '../licensing/metadata.js';
import { LICENSE_STATUS_NAMES, type License, type LicenseStatus } from '../licensing/types.js';
import type { Department } from '../orgs/ports.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { actingDepartment } from './access.js';
import { consumeShowTokenIn } from './consume-show-token.js';
import type { UsePorts } from './ports.js';
import { withRefusalRecord } from './refusals.js';

/** 视读: what the counter sees: status, type, issuer, validity and data masked by the type's rules. */
export interface ShownLicense {
  readonly licenseId: string;
  readonly identifier: string;
  readonly status: LicenseStatus;
  readonly statusName: string;
  readonly typeCode: string;
  readonly typeName: string;
  readonly licenseNumber: string;
  readonly issuerName: string;
  readonly issueDate: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly holderName: string;
  readonly holderCode: string;
  readonly holderCodeType: string;
  readonly data: Record<string, string>;
  readonly tokenExpiresAt: Date;
}

async function maskedView(r: Repositories, license: License, now: Date) {
  const type = await r.licenseTypes.get(license.typeVersionId);
  const status: LicenseStatus =
    (license.status === 'valid' || license.status === 'pledged') &&
    license.validTo !== null &&
    license.validTo < chinaDate(now)
      ? 'expired'
      : license.status;
  const data: Record<string, string> = {};
  for (const item of type?.dataItems ?? []) {
    const value = license.data[item.code];
    if (value === undefined || value === null || item.type === 'image' || item.type === 'table') continue;
    if (item.masking.kind === 'hidden') continue;
    data[item.labelZh] = maskValue(
      typeof value === 'boolean' ? (value ? '是' : '否') : String(value),
      item.masking,
    );
  }
  const person = license.holder.codeType === '111';
  return {
    licenseId: license.id,
    identifier: license.identifier,
    status,
    statusName: LICENSE_STATUS_NAMES[status],
    typeCode: license.typeCode,
    typeName: license.typeName,
    licenseNumber: license.licenseNumber,
    issuerName: license.issuerName,
    issueDate: license.issueDate,
    validFrom: license.validFrom,
    validTo: license.longTerm ? LONG_TERM : license.validTo,
    holderName: person
      ? maskValue(license.holder.name, { kind: 'partial', keepStart: 1, keepEnd: 0 })
      : license.holder.name,
    holderCode: maskValue(license.holder.code, { kind: 'partial', keepStart: 4, keepEnd: 4 }),
    holderCodeType: license.holder.codeType,
    data,
  };
}

/**
 * The counter (a department's 用证人员 or its business system) scans a holder's 亮证 code: once only
 * (SHOW_TOKEN_REPLAYED), within its 60 s (SHOW_TOKEN_EXPIRED), with a right signature
 * (SHOW_TOKEN_INVALID). Every scan and every refusal is audited.
 */
export async function scanShowToken(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  ports: Pick<UsePorts, 'showTokenKey' | 'policy'>,
  { actor, meta, input }: Call<{ token: string; departmentId?: string }>,
): Promise<ShownLicense> {
  let department: Department | null = null;
  return withRefusalRecord(
    deps,
    ports.policy,
    { actor, meta, action: 'use.show_token.refused', details: {} },
    () => ({
      subject: null,
      regionCode: department?.regionCode ?? null,
      details: { departmentId: department?.id ?? null },
    }),
    () =>
      deps.uow.run(async (r) => {
        department = await actingDepartment(r, actor, input.departmentId);
        const now = deps.clock.now();
        const claims = await consumeShowTokenIn(r, ports, now, input.token);
        const license = await r.licenses.get(claims.licenseId);
        if (
          !license ||
          license.holder.code !== claims.holderCode ||
          license.holder.codeType !== claims.holderCodeType
        )
          throw new AppError('SHOW_TOKEN_INVALID', 'not a valid 亮证 code');
        const shown = await maskedView(r, license, now);
        await r.audit.append(
          auditEntry(
            actor,
            meta,
            now,
            'use.show_token.scanned',
            { type: 'license', id: license.id, regionCode: license.regionCode },
            {
              departmentId: department.id,
              identifier: license.identifier,
              status: shown.status,
            },
          ),
        );
        return { ...shown, tokenExpiresAt: claims.expiresAt };
      }),
  );
}
