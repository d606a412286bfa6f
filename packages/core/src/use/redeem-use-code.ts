import { auditEntry } from '../audit/entry.js';
import {
  LICENSE_FILE_CONTENT_TYPES,
  readLicenseFile,
  type LicenseFileKind,
} from '../licensing/license-files.js';
import { chooseLicenseFile } from '../sharing/file-choice.js';
import type { License } from '../licensing/types.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import { makeAnnotatedCopy } from './annotated-copy.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { AuthorisedUse, AuthoriseTrace } from './authorise-use.js';
import { authoriseUseIn } from './authorise-use.js';
import { contextTarget } from './context-rules.js';
import { licenseSummary, matchingLicenses } from './holder-licenses.js';
import type { RedeemPorts } from './ports.js';
import { recordUseIn } from './record-use.js';
import { withRefusalRecord } from './refusals.js';
import type { RedeemKind } from './types.js';

export interface RedeemInput {
  readonly code: string;
  readonly kind: RedeemKind;
  /** Which licence (GB/T 36904 identifier) when the holder has several matching ones. */
  readonly licenseIdentifier?: string;
  /** Data items wanted (kind data); default: all the context allows. */
  readonly dataItems?: readonly string[];
  /** Needed only by staff who act for several departments. */
  readonly departmentId?: string;
  /** File and 加注件: PDF or OFD; default the PDF when the licence has one, else its OFD. */
  readonly format?: LicenseFileKind;
}

export type LicenseSummary = ReturnType<typeof licenseSummary>;

export type RedeemResult =
  | {
      readonly kind: 'data';
      readonly contextId: string;
      readonly licenses: (LicenseSummary & { readonly data: Record<string, unknown> })[];
    }
  | {
      readonly kind: 'file';
      readonly contextId: string;
      readonly license: LicenseSummary;
      readonly bytes: Uint8Array;
      readonly format: LicenseFileKind;
      readonly contentType: string;
      readonly fileSha256: string;
    }
  | {
      readonly kind: 'annotated';
      readonly contextId: string;
      readonly license: LicenseSummary;
      readonly bytes: Uint8Array;
      readonly format: LicenseFileKind;
      readonly contentType: string;
      readonly fileSha256: string;
      readonly copyId: string;
      readonly expiresAt: Date;
    };

function requestedItems(use: AuthorisedUse, wanted: readonly string[] | undefined): string[] {
  const items = (wanted ?? use.context.dataItems).map((d) => d.trim().toUpperCase());
  const outside = items.filter((d) => !use.context.dataItems.includes(d));
  if (outside.length || items.length === 0)
    throw new AppError('USE_DATA_ITEM_NOT_ALLOWED', 'data items outside the usage context', {
      dataItems: outside,
      allowed: use.context.dataItems,
    });
  return items;
}

/** The data items of the licence the department may receive: wanted ∩ its use-list entry for the type. */
function allowedFor(use: AuthorisedUse, license: License, wanted: readonly string[]): string[] {
  const entry = use.entries.find((e) => e.licenseTypeCode === license.typeCode);
  return wanted.filter((d) => entry?.dataItems.includes(d));
}

function single(licenses: License[], contextId: string): License {
  if (licenses.length > 1)
    throw new AppError('USE_LICENSE_AMBIGUOUS', 'the holder has several matching licences: name one', {
      contextId,
      licenseIdentifiers: licenses.map((l) => l.identifier),
    });
  return licenses[0]!;
}

/** A file carries every data item of the licence. */
async function allFields(r: Repositories, license: License): Promise<string[]> {
  const type = await r.licenseTypes.get(license.typeVersionId);
  return type?.dataItems.map((d) => d.code) ?? Object.keys(license.data);
}

/**
 * Redeems a use-code once, for the department it was issued to: the allowed data items of the holder's
 * matching licences in force (data), the signed original (file) or a 加注件 (annotated), as PDF or
 * OFD (`format`; default the PDF when the licence has one). Each licence
 * handed over gets a 用证记录. Refusals are audited in their own transaction and change nothing else;
 * failed codes count towards the lockout.
 */
export async function redeemUseCode(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  ports: RedeemPorts,
  { actor, meta, input }: Call<RedeemInput>,
): Promise<RedeemResult> {
  if (input.kind === 'annotated' && !ports.annotation)
    throw new AppError('USE_KIND_NOT_AVAILABLE', '加注件 are not available on this server', {
      kind: input.kind,
    });
  const trace: AuthoriseTrace = { subject: null, department: null };
  const refusals = <T>(work: () => Promise<T>) =>
    withRefusalRecord(
      deps,
      ports.policy,
      {
        actor,
        meta,
        action: 'use.code.refused',
        details: {
          kind: input.kind,
          ...(input.licenseIdentifier ? { licenseIdentifier: input.licenseIdentifier } : {}),
        },
      },
      () => ({
        subject: trace.subject,
        regionCode: trace.department?.regionCode ?? null,
        details: { departmentId: trace.department?.id ?? null },
      }),
      work,
    );
  const codeInput = { code: input.code, ...(input.departmentId ? { departmentId: input.departmentId } : {}) };

  const audit = async (
    r: Repositories,
    use: AuthorisedUse,
    licenses: License[],
    fields: Record<string, string[]>,
  ) =>
    r.audit.append(
      auditEntry(actor, meta, deps.clock.now(), 'use.redeemed', contextTarget(use.context), {
        departmentId: use.department.id,
        kind: input.kind,
        holderCodeType: use.context.holderCodeType,
        holderCode: use.context.holderCode,
        licenses: licenses.map((l) => l.identifier),
        fields,
      }),
    );

  if (input.kind !== 'annotated') {
    return refusals(() =>
      deps.uow.run(async (r): Promise<RedeemResult> => {
        const use = await authoriseUseIn(r, deps, actor, codeInput, { consume: true, trace });
        const wanted = requestedItems(use, input.dataItems);
        const now = deps.clock.now();
        const licenses = await matchingLicenses(r, use.context, now, input.licenseIdentifier);
        if (input.kind === 'data') {
          const out = [];
          const fields: Record<string, string[]> = {};
          for (const license of licenses) {
            const items = allowedFor(use, license, wanted);
            fields[license.identifier] = items;
            await recordUseIn(r, deps, actor, use, license, items, 'data');
            out.push({
              ...licenseSummary(license),
              data: Object.fromEntries(
                items.filter((d) => d in license.data).map((d) => [d, license.data[d]]),
              ),
            });
          }
          await audit(r, use, licenses, fields);
          return { kind: 'data', contextId: use.context.id, licenses: out };
        }
        const license = single(licenses, use.context.id);
        const format = chooseLicenseFile(license, input.format);
        const { bytes, sha256 } = await readLicenseFile(r, license, format);
        const fields = await allFields(r, license);
        await recordUseIn(r, deps, actor, use, license, fields, 'file');
        await audit(r, use, [license], { [license.identifier]: fields });
        return {
          kind: 'file',
          contextId: use.context.id,
          license: licenseSummary(license),
          bytes,
          format,
          contentType: LICENSE_FILE_CONTENT_TYPES[format],
          fileSha256: sha256,
        };
      }),
    );
  }

  // 加注件: check first (without using the code up), make the copy outside any transaction (it signs
  // with the platform's annotation key), then use the code up and record the use.
  const planned = await refusals(() =>
    deps.uow.run(async (r) => {
      const use = await authoriseUseIn(r, deps, actor, codeInput, { consume: false, trace });
      const license = single(
        await matchingLicenses(r, use.context, deps.clock.now(), input.licenseIdentifier),
        use.context.id,
      );
      // Refused here, before the copy is made, so that the code stays unused.
      chooseLicenseFile(license, input.format);
      return { use, license };
    }),
  );
  const { context } = planned.use;
  // The redemption has authorised the use: the copy is made as the system, for the using department.
  const copy = await makeAnnotatedCopy(deps, ports.annotation!, {
    actor: SYSTEM_ACTOR,
    meta,
    input: {
      licenseId: planned.license.id,
      cause: context.cause,
      itemCode: context.itemCode,
      itemName: context.itemName,
      producer: planned.use.department.name,
      useContextId: context.id,
      ...(input.format ? { format: input.format } : {}),
    },
  });
  return refusals(() =>
    deps.uow.run(async (r): Promise<RedeemResult> => {
      const use = await authoriseUseIn(r, deps, actor, codeInput, { consume: true, trace });
      if (use.context.id !== context.id) throw new AppError('USE_CODE_INVALID', 'no such use-code');
      const fields = await allFields(r, planned.license);
      await recordUseIn(r, deps, actor, use, planned.license, fields, 'annotated');
      await audit(r, use, [planned.license], { [planned.license.identifier]: fields });
      return {
        kind: 'annotated',
        contextId: context.id,
        license: licenseSummary(planned.license),
        bytes: copy.bytes,
        format: copy.format,
        contentType: copy.contentType,
        fileSha256: copy.fileSha256,
        copyId: copy.copyId,
        expiresAt: copy.expiresAt,
      };
    }),
  );
}
