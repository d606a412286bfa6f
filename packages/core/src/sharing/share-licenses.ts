import { auditEntry } from '../audit/entry.js';
import type { LicensingPorts, OfdPageImages } from '../licensing/ports.js';
import {
  LICENSE_FILE_CONTENT_TYPES,
  readLicenseFile,
  type LicenseFileKind,
} from '../licensing/license-files.js';
import type { License } from '../licensing/types.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { AuthorisedUse, AuthoriseTrace, AuthoriseUseInput } from '../use/authorise-use.js';
import { authoriseUseIn } from '../use/authorise-use.js';
import { contextTarget } from '../use/context-rules.js';
import { licenseSummary, matchingLicenses } from '../use/holder-licenses.js';
import type { UsePolicy } from '../use/ports.js';
import { recordUseIn } from '../use/record-use.js';
import { withRefusalRecord } from '../use/refusals.js';
import { chooseLicenseFile } from './file-choice.js';

/**
 * The national sharing operations (GB/T 36906 as implemented by the national and provincial hubs,
 * STANDARDS.md §8) that hand licence content over: each needs a use-code (used up by the call) or a
 * duty-based (依职能) context of the calling department, and returns only what that context allows.
 */
export type ShareOperation =
  | 'Retrieval'
  | 'GetCertificateDataByCertificateID'
  | 'GetCertificateDataByHolder'
  | 'GetCertificateFileByCertificateID'
  | 'GetCertificateFileByHolder'
  | 'GetCertificateImageByCertificateID';

export interface ShareInput {
  readonly operation: ShareOperation;
  readonly use: AuthoriseUseInput;
  /** 用证事由 (UseFor): recorded with the use. */
  readonly useFor: string;
  /** CertificateID: the GB/T 36904 identifier. */
  readonly identifier?: string;
  readonly holderCode?: string;
  readonly holderCodeType?: string;
  readonly typeCode?: string;
  readonly licenseNumber?: string;
  readonly departmentId?: string;
  /** File operations: PDF or OFD (national `fileType`); default the PDF when the licence has one. */
  readonly fileType?: LicenseFileKind;
}

export interface SharingPorts {
  readonly policy: UsePolicy;
  /** Its renderer rasterises PDF licences. */
  readonly licensing: Pick<LicensingPorts, 'renderer'>;
  /** The image of licences issued as OFD only. */
  readonly ofdImages: OfdPageImages;
}

/** Resolution of GetCertificateImageByCertificateID. */
export const SHARE_IMAGE_DPI = 96;

export type ShareResult =
  | { readonly kind: 'list'; readonly licenses: ReturnType<typeof licenseSummary>[] }
  | {
      readonly kind: 'data';
      readonly licenses: (ReturnType<typeof licenseSummary> & { readonly data: Record<string, unknown> })[];
    }
  | {
      readonly kind: 'file';
      readonly license: ReturnType<typeof licenseSummary>;
      readonly bytes: Uint8Array;
      readonly fileType: LicenseFileKind;
      /** application/pdf or application/ofd */
      readonly contentType: string;
    }
  | {
      readonly kind: 'image';
      readonly license: ReturnType<typeof licenseSummary>;
      readonly bytes: Uint8Array;
      readonly fileType: 'png';
      readonly contentType: 'image/png';
      /** The licence file the image was rendered from. */
      readonly renderedFrom: LicenseFileKind;
    };

const BY_ID: ReadonlySet<ShareOperation> = new Set([
  'GetCertificateDataByCertificateID',
  'GetCertificateFileByCertificateID',
  'GetCertificateImageByCertificateID',
]);

function requireParameters(input: ShareInput): void {
  const missing = (field: string) =>
    new AppError('REQUEST_VALIDATION_FAILED', `${input.operation} needs ${field}`, { field });
  if (!input.useFor.trim()) throw missing('UseFor');
  if (BY_ID.has(input.operation) && !input.identifier) throw missing('CertificateID');
  if (!BY_ID.has(input.operation) && !input.holderCode) throw missing('CertificateHolderCode');
  if (input.operation.endsWith('ByHolder') && !input.typeCode) throw missing('CertificateTypeCode');
}

/** The request must name the context's holder and one of its licence types. */
function requireWithinContext(use: AuthorisedUse, input: ShareInput): void {
  const { context } = use;
  const holderDiffers =
    (input.holderCode !== undefined && input.holderCode.trim().toUpperCase() !== context.holderCode) ||
    (input.holderCodeType !== undefined && input.holderCodeType !== context.holderCodeType);
  if (holderDiffers)
    throw new AppError('USE_HOLDER_MISMATCH', 'the holder is not the holder of the usage context', {
      contextId: context.id,
    });
  if (input.typeCode !== undefined && !context.licenseTypeCodes.includes(input.typeCode))
    throw new AppError('USE_NOT_IN_USE_LIST', 'the licence type is not part of the usage context', {
      contextId: context.id,
      typeCode: input.typeCode,
    });
}

/** Data items the department may receive for this licence: the context's ∩ its use-list entry's. */
function allowedItems(use: AuthorisedUse, license: License): string[] {
  const entry = use.entries.find((e) => e.licenseTypeCode === license.typeCode);
  return use.context.dataItems.filter((d) => entry?.dataItems.includes(d));
}

async function licensesFor(r: Repositories, use: AuthorisedUse, input: ShareInput, now: Date) {
  const found = await matchingLicenses(r, use.context, now, input.identifier);
  const wanted = found.filter(
    (l) =>
      (input.typeCode === undefined || l.typeCode === input.typeCode) &&
      (input.licenseNumber === undefined || l.licenseNumber === input.licenseNumber),
  );
  if (!wanted.length)
    throw new AppError('USE_LICENSE_NOT_FOUND', 'the holder has no licence in force matching the request', {
      contextId: use.context.id,
    });
  return wanted;
}

/**
 * Runs one sharing operation: authorises (and, for a code, uses up) the use inside the same transaction
 * as the read, so a refused or failed call leaves the code unused; refusals are audited on their own
 * and failed codes count towards the lockout. Each licence handed over gets a 用证记录.
 */
export async function shareLicenses(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  ports: SharingPorts,
  { actor, meta, input }: Call<ShareInput>,
): Promise<ShareResult> {
  requireParameters(input);
  const trace: AuthoriseTrace = { subject: null, department: null };
  const useInput = { ...input.use, ...(input.departmentId ? { departmentId: input.departmentId } : {}) };
  const shared = await withRefusalRecord(
    deps,
    ports.policy,
    { actor, meta, action: 'use.code.refused', details: { operation: input.operation } },
    () => ({
      subject: trace.subject,
      regionCode: trace.department?.regionCode ?? null,
      details: { departmentId: trace.department?.id ?? null },
    }),
    () =>
      deps.uow.run(async (r) => {
        const use = await authoriseUseIn(r, deps, actor, useInput, { consume: true, trace });
        requireWithinContext(use, input);
        const now = deps.clock.now();
        const licenses = await licensesFor(r, use, input, now);
        const single = input.operation.startsWith('GetCertificateFile') || input.operation.includes('Image');
        if (single && licenses.length > 1)
          throw new AppError('USE_LICENSE_AMBIGUOUS', 'several licences match: name the licence number', {
            licenseIdentifiers: licenses.map((l) => l.identifier),
          });
        const handed: Record<string, string[]> = {};
        for (const license of single ? licenses.slice(0, 1) : licenses) {
          const fields = input.operation === 'Retrieval' ? [] : allowedItems(use, license);
          handed[license.identifier] = fields;
          await recordUseIn(r, deps, actor, use, license, fields, single ? 'file' : 'data');
        }
        await r.audit.append(
          auditEntry(actor, meta, now, 'use.shared', contextTarget(use.context), {
            operation: input.operation,
            useFor: input.useFor,
            via: use.via,
            licenses: handed,
          }),
        );
        if (!single) {
          if (input.operation === 'Retrieval')
            return { kind: 'list' as const, licenses: licenses.map(licenseSummary) };
          return {
            kind: 'data' as const,
            licenses: licenses.map((l) => ({
              ...licenseSummary(l),
              data: Object.fromEntries(
                handed[l.identifier]!.filter((d) => d in l.data).map((d) => [d, l.data[d]]),
              ),
            })),
          };
        }
        const license = licenses[0]!;
        // The image is rendered from the PDF when there is one, else from the OFD.
        const image = input.operation === 'GetCertificateImageByCertificateID';
        const fileType = chooseLicenseFile(license, image ? undefined : input.fileType);
        const { bytes } = await readLicenseFile(r, license, fileType);
        return {
          kind: 'file' as const,
          license: licenseSummary(license),
          bytes,
          fileType,
          contentType: LICENSE_FILE_CONTENT_TYPES[fileType],
        };
      }),
  );
  if (shared.kind !== 'file' || input.operation !== 'GetCertificateImageByCertificateID') return shared;
  const png =
    shared.fileType === 'ofd'
      ? await ports.ofdImages.rasterize(shared.bytes, SHARE_IMAGE_DPI)
      : await ports.licensing.renderer.rasterize(shared.bytes, SHARE_IMAGE_DPI);
  return {
    kind: 'image',
    license: shared.license,
    bytes: png,
    fileType: 'png',
    contentType: 'image/png',
    renderedFrom: shared.fileType,
  };
}
