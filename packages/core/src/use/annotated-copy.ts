import { annotationTime } from '@zhengyin/documents';
import { hasRole } from '../accounts/policy.js';
import { auditEntry } from '../audit/entry.js';
import { loadLicense } from '../licensing/change-license.js';
import { chinaDate } from '../licensing/issue-licenses.js';
import { LICENSE_FILE_CONTENT_TYPES, readLicenseFile } from '../licensing/license-files.js';
import type { License } from '../licensing/types.js';
import { ensurePlatformKey } from '../pki/ensure-platform-key.js';
import { chooseLicenseFile } from '../sharing/file-choice.js';
import { actorId, type Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { signOfdCopy } from './annotated-copy-ofd.js';
import type { AnnotatedCopy, AnnotatedCopyFormat, AnnotationPorts } from './annotated-copy-ports.js';

export interface MakeAnnotatedCopyInput {
  readonly licenseId: string;
  /** 加注件制作事由, at most 200 characters. */
  readonly cause: string;
  readonly itemCode?: string | null;
  readonly itemName?: string | null;
  /** 加注件制作者; default: the caller's department (the issuer for the system actor). */
  readonly producer?: string;
  /** Default: now + the configured default validity. At most the configured maximum ahead. */
  readonly expiresAt?: Date;
  /** Set by the use-code redemption (system actor): the usage context it serves. */
  readonly useContextId?: string | null;
  /** The licence file to annotate; default its PDF, or its OFD when it was issued as OFD only. */
  readonly format?: AnnotatedCopyFormat;
}

export interface MakeAnnotatedCopyResult {
  readonly copyId: string;
  /** The signed copy: a PDF or an OFD package (see `format`). */
  readonly bytes: Uint8Array;
  readonly format: AnnotatedCopyFormat;
  /** application/pdf or application/ofd */
  readonly contentType: string;
  readonly expiresAt: Date;
  readonly fileSha256: string;
  readonly copy: AnnotatedCopy;
}

export type AnnotationDeps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>;

const DAY_MS = 86_400_000;
/** The window of the active-copies rule. */
export const ANNOTATION_WINDOW_DAYS = 90;
const MAX_TEXT = 200;
/** Room for the CMS of the annotation signature (no timestamp): a certificate chain of two. */
const ANNOTATION_CMS_ROOM = 8 * 1024;

/**
 * Who may have a 加注件 made directly: issuers of the licence's department, apps of that department
 * with the `licenses:issue` scope, and the system actor (the use-code redemption, which has already
 * authorised the use). Departments with a use-list entry get copies through use-codes.
 */
export function authorizeAnnotation(actor: Actor, license: Pick<License, 'regionCode' | 'departmentId'>) {
  if (actor.kind === 'system') return;
  if (
    actor.kind === 'app' &&
    actor.departmentId === license.departmentId &&
    actor.scopes.includes('licenses:issue')
  )
    return;
  if (
    actor.kind === 'user' &&
    hasRole(actor, ['issuer'], { regionCode: license.regionCode, departmentId: license.departmentId })
  )
    return;
  throw new AppError('AUTH_FORBIDDEN', 'only the issuing department makes annotated copies directly', {
    regionCode: license.regionCode,
    departmentId: license.departmentId,
  });
}

const invalid = (field: string, message: string) => new AppError('ANNOTATION_INVALID', message, { field });

function checkText(field: string, value: string | null | undefined, required: boolean): string | null {
  if (value === undefined || value === null || value.trim() === '') {
    if (required) throw invalid(field, `${field} is required`);
    return null;
  }
  if (typeof value !== 'string' || [...value.trim()].length > MAX_TEXT)
    throw invalid(field, `${field} must be at most ${MAX_TEXT} characters`);
  // Control characters would end up in the signature dictionary and the visible statement.
  const control = [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (control) throw invalid(field, `${field} must not contain control characters`);
  return value.trim();
}

/** The licence must be in force: status valid and not past its end date (the expiry job may lag). */
function checkLicenseInForce(license: License, now: Date): void {
  const ended = license.validTo !== null && license.validTo < chinaDate(now);
  if (license.status !== 'valid' || ended)
    throw new AppError(
      'ANNOTATION_LICENSE_NOT_VALID',
      `the licence is ${ended ? 'expired' : license.status}`,
      {
        id: license.id,
        status: ended ? 'expired' : license.status,
      },
    );
}

async function checkLimit(r: Repositories, ports: AnnotationPorts, license: License, now: Date) {
  const since = new Date(now.getTime() - ANNOTATION_WINDOW_DAYS * DAY_MS);
  const active = await r.annotatedCopies.countActive(license.id, since, now);
  if (active >= ports.rules.maxActivePer90Days)
    throw new AppError(
      'ANNOTATION_LIMIT_REACHED',
      `the licence already has ${active} active annotated copies made in the last ${ANNOTATION_WINDOW_DAYS} days`,
      { id: license.id, active, max: ports.rules.maxActivePer90Days, windowDays: ANNOTATION_WINDOW_DAYS },
    );
}

/** The PDF 加注件: an incremental update with the statement, signed (CMS) by the annotation key. */
async function signPdfCopy(
  ports: AnnotationPorts,
  request: Omit<Parameters<AnnotationPorts['pdf']['annotate']>[0], 'pdf' | 'placeholderBytes'> & {
    readonly original: Uint8Array;
  },
): Promise<Uint8Array> {
  const { original, ...rest } = request;
  try {
    return (await ports.pdf.annotate({ ...rest, pdf: original, placeholderBytes: ANNOTATION_CMS_ROOM })).pdf;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof AppError || !code?.startsWith('PDF_')) throw error;
    const details = { reason: code, ...(error as { details?: Record<string, unknown> }).details };
    if (code === 'PDF_GLYPH_MISSING')
      throw new AppError('LICENSE_GLYPH_MISSING', (error as Error).message, details);
    if (code === 'PDF_REQUEST_INVALID')
      throw new AppError('ANNOTATION_INVALID', (error as Error).message, details);
    throw new AppError('ANNOTATION_SIGNING_FAILED', (error as Error).message, details);
  }
}

async function defaultProducer(r: Repositories, actor: Actor, license: License): Promise<string> {
  let departmentId: string | null = null;
  if (actor.kind === 'app') departmentId = actor.departmentId;
  else if (actor.kind === 'user') {
    const ids = actor.roles.map((g) => g.departmentId).filter((d): d is string => d !== null);
    departmentId = ids.includes(license.departmentId) ? license.departmentId : (ids[0] ?? null);
  }
  if (departmentId === null) return license.issuerName;
  return (await r.departments.get(departmentId))?.name ?? license.issuerName;
}

/**
 * 加注件: the licence file with the visible statement "此件由××提供，仅供办理××事项时使用，有效期至…"
 * and the GB/T 36903 加注件 fields, signed by the platform's annotation key. PDF: an incremental
 * update signed with CMS (SM2 for SM2 licences, ECDSA P-256 otherwise, so that international
 * verifiers can check copies of ECDSA / RSA licences). OFD: an annotation layer sealed with SES by
 * a per-copy annotation seal (valid until the copy's expiry) of the SM2 annotation key. The format
 * is `input.format`, else the licence's PDF when it has one, else its OFD (LICENSE_FORMAT_UNAVAILABLE
 * for a format it was not issued in). The licence must be in force; the expiry must be in the
 * future and at most `rules.maxValidityDays` ahead; at most `rules.maxActivePer90Days` unexpired
 * copies of a licence made within 90 days, whatever their format. File, row and audit event commit
 * together.
 */
export async function makeAnnotatedCopy(
  deps: AnnotationDeps,
  ports: AnnotationPorts,
  { actor, meta, input }: Call<MakeAnnotatedCopyInput>,
): Promise<MakeAnnotatedCopyResult> {
  const cause = checkText('cause', input.cause, true) as string;
  const itemCode = checkText('itemCode', input.itemCode, false);
  const itemName = checkText('itemName', input.itemName, false);
  const producerInput = checkText('producer', input.producer, false);
  if (input.format !== undefined && input.format !== 'pdf' && input.format !== 'ofd')
    throw invalid('format', 'format is pdf or ofd');
  if (itemCode !== null && !/^[\w.:-]{1,64}$/.test(itemCode))
    throw invalid('itemCode', 'itemCode is 1–64 letters, digits, ".", ":", "_" or "-"');
  const now = deps.clock.now();
  const rules = ports.rules;
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + rules.defaultValidityDays * DAY_MS);
  const second = (d: Date) => Math.floor(d.getTime() / 1000);
  // A later second than now: the record and the annotation seal's validity are in whole seconds.
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || second(expiresAt) <= second(now))
    throw new AppError('ANNOTATION_EXPIRY_INVALID', 'the expiry must be after now', {
      expiresAt: Number.isNaN(expiresAt?.getTime?.()) ? null : expiresAt.toISOString(),
    });
  // Whole seconds: the statement and the record carry yyyyMMddHHmmss.
  const expiry = new Date(Math.floor(expiresAt.getTime() / 1000) * 1000);
  if (expiry.getTime() - now.getTime() > rules.maxValidityDays * DAY_MS)
    throw new AppError(
      'ANNOTATION_VALIDITY_TOO_LONG',
      `an annotated copy is valid for at most ${rules.maxValidityDays} days`,
      { expiresAt: expiry.toISOString(), maxValidityDays: rules.maxValidityDays },
    );

  const prepared = await deps.uow.run(async (r) => {
    const license = await loadLicense(r, input.licenseId);
    authorizeAnnotation(actor, license);
    checkLicenseInForce(license, now);
    const format = chooseLicenseFile(license, input.format);
    await checkLimit(r, ports, license, now);
    const { bytes: original } = await readLicenseFile(r, license, format);
    const producer = producerInput ?? (await defaultProducer(r, actor, license));
    const chain = (await r.certificateAuthorities.list())
      .filter((ca) => ca.active)
      .map((ca) => ca.certificate);
    return { license, original, producer, chain, format };
  });
  const { license, original, producer, format } = prepared;
  // OFD copies carry an SES (SM2) seal: OFD licences are SM2 licences.
  const algorithm = license.algorithm === 'sm2' || format === 'ofd' ? 'sm2' : 'ecdsa-p256';
  const key = await ensurePlatformKey(deps, algorithm === 'sm2' ? 'annotation' : 'annotation-ecdsa');
  // The seal maker makes the OFD copy's annotation seal.
  if (format === 'ofd') await ensurePlatformKey(deps, 'seal-maker');
  // Signed now, not at the start: a key made just now has a certificate valid from this second. Whole
  // seconds: the SES signing time and the annotation seal's validity carry no fractions.
  const signedAt = new Date(Math.floor(Math.max(now.getTime(), deps.clock.now().getTime()) / 1000) * 1000);
  const by = { actor, meta };
  const copyId = deps.ids.uuid();
  const annotation = {
    creationTime: annotationTime(signedAt),
    creator: producer,
    cause,
    expiringTime: annotationTime(expiry),
    licenseIdentifier: license.identifier,
    itemCode,
    itemName,
  };
  let bytes: Uint8Array;
  if (format === 'ofd') {
    bytes = await signOfdCopy(deps, ports.ofd, {
      copyId,
      key,
      original,
      annotation,
      signedAt,
      expiry,
      by,
    });
  } else {
    bytes = await signPdfCopy(ports, {
      original,
      annotation,
      signerCertificate: key.certificate,
      chain: prepared.chain,
      sign: (data) => deps.keys.sign({ keyRef: key.keyRef, data }, by),
      signingTime: signedAt,
    });
  }
  const fileSha256 = bytesToHex(ports.sha256(bytes));
  const copy: AnnotatedCopy = {
    id: copyId,
    licenseId: license.id,
    licenseIdentifier: license.identifier,
    useContextId: input.useContextId ?? null,
    cause,
    itemCode,
    itemName,
    producer,
    algorithm,
    createdAt: signedAt,
    expiresAt: expiry,
    fileSha256,
    format,
    fileSize: bytes.length,
    actorId: actorId(actor),
  };
  await deps.uow.run(async (r) => {
    // The licence row lock serialises copies of one licence: the limit holds under concurrency.
    const locked = await loadLicense(r, license.id, true);
    checkLicenseInForce(locked, signedAt);
    await checkLimit(r, ports, locked, signedAt);
    await r.blobs.put(fileSha256, bytes);
    await r.annotatedCopies.insert(copy);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        signedAt,
        'license.annotated_copy.created',
        { type: 'license', id: license.id, regionCode: license.regionCode },
        {
          copyId: copy.id,
          identifier: license.identifier,
          cause,
          itemCode,
          itemName,
          producer,
          expiresAt: expiry.toISOString(),
          fileSha256,
          algorithm,
          format,
          useContextId: copy.useContextId,
        },
      ),
    );
  });
  return {
    copyId: copy.id,
    bytes,
    format,
    contentType: LICENSE_FILE_CONTENT_TYPES[format],
    expiresAt: expiry,
    fileSha256,
    copy,
  };
}
