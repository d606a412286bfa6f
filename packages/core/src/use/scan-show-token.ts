import { auditEntry } from '../audit/entry.js';
import { publicLicenseFacts } from '../licensing/public-status.js';
import type { License, LicenseStatus } from '../licensing/types.js';
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
  const dataItems = (await r.licenseTypes.dataItems(license.typeVersionId)) ?? [];
  const { identifier, ...facts } = publicLicenseFacts(license, dataItems, now);
  return { licenseId: license.id, identifier, ...facts, holderCodeType: license.holder.codeType };
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
