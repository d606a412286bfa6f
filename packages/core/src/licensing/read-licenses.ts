import { can } from '../accounts/policy.js';
import { scopeKind } from '../accounts/roles.js';
import { regionPrefix } from '../orgs/region-code.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page } from '../shared/page.js';
import { loadLicense } from './change-license.js';
import { LICENSE_FILE_CONTENT_TYPES, readLicenseFile, type LicenseFileKind } from './license-files.js';
import type { LicenseQuery, LicenseRenderer, OfdPageImages } from './ports.js';
import type { License, LicenseEvent } from './types.js';

type Deps = Pick<CoreDeps, 'uow'>;

function authorizeRead(actor: Actor, l: License): void {
  if (!can(actor, 'licenses.read', { regionCode: l.regionCode, departmentId: l.departmentId }))
    throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this licence', {
      regionCode: l.regionCode,
      departmentId: l.departmentId,
    });
}

/** By id or by GB/T 36904 identifier. */
export async function getLicense(deps: Deps, actor: Actor, idOrIdentifier: string): Promise<License> {
  const license = await deps.uow.run(async (r) =>
    idOrIdentifier.startsWith('1.2.156.')
      ? await r.licenses.byIdentifier(idOrIdentifier)
      : await loadLicense(r, idOrIdentifier),
  );
  if (!license) throw new AppError('LICENSE_NOT_FOUND', `licence ${idOrIdentifier} not found`);
  authorizeRead(actor, license);
  return license;
}

/** Staff see licences of their region (region roles) or department (department roles). */
export async function searchLicenses(deps: Deps, actor: Actor, query: LicenseQuery): Promise<Page<License>> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  let scope: Pick<LicenseQuery, 'prefixes' | 'departmentIds'> = { prefixes: null };
  if (actor.kind === 'user') {
    const grants = actor.roles.filter((g) => ['issuer', 'auditor', 'catalog_admin'].includes(g.role));
    if (!grants.some((g) => scopeKind(g) === 'platform')) {
      scope = {
        prefixes: grants.filter((g) => g.regionCode).map((g) => regionPrefix(g.regionCode as string)),
        departmentIds: grants.filter((g) => g.departmentId).map((g) => g.departmentId as string),
      };
      if (scope.prefixes?.length === 0 && scope.departmentIds?.length === 0)
        throw new AppError('AUTH_FORBIDDEN', 'not allowed: licenses.read');
    }
  }
  return deps.uow.run((r) => r.licenses.search({ ...query, ...scope }));
}

/** Every version (superseded ones too) and every lifecycle event of the licence, oldest first. */
export async function licenseHistory(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ versions: License[]; events: LicenseEvent[] }> {
  return deps.uow.run(async (r) => {
    const license = await loadLicense(r, id);
    authorizeRead(actor, license);
    return {
      versions: await r.licenses.versions(license.seriesId),
      events: await r.licenses.events(license.seriesId),
    };
  });
}

/** A signed file of a version (authorised staff; holders get theirs through the holder service). */
export async function downloadLicenseFile(
  deps: Deps,
  actor: Actor,
  id: string,
  format: LicenseFileKind = 'pdf',
): Promise<{ license: License; bytes: Uint8Array; sha256: string; fileName: string; contentType: string }> {
  return deps.uow.run(async (r) => {
    const license = await loadLicense(r, id);
    authorizeRead(actor, license);
    const file = await readLicenseFile(r, license, format);
    return {
      license,
      ...file,
      fileName: `${license.identifier}.${format}`,
      contentType: LICENSE_FILE_CONTENT_TYPES[format],
    };
  });
}

export const LICENSE_PREVIEW_DPI = { min: 36, max: 300, default: 96 } as const;

/**
 * Page 1 of a version's signed file (PDF or OFD, as issued) as a PNG, for previews in the console;
 * the same authorisation and LICENSE_FORMAT_UNAVAILABLE as the file download.
 */
export async function previewLicenseFile(
  deps: Deps,
  ports: { readonly renderer: Pick<LicenseRenderer, 'rasterize'>; readonly ofdImages: OfdPageImages },
  actor: Actor,
  id: string,
  options: { format?: LicenseFileKind; dpi?: number } = {},
): Promise<{ png: Uint8Array; format: LicenseFileKind; sha256: string }> {
  const dpi = options.dpi ?? LICENSE_PREVIEW_DPI.default;
  if (!Number.isInteger(dpi) || dpi < LICENSE_PREVIEW_DPI.min || dpi > LICENSE_PREVIEW_DPI.max)
    throw new AppError('PDF_RASTER_OPTIONS_INVALID', `dpi must be a whole number from 36 to 300`, { dpi });
  const format = options.format ?? 'pdf';
  const file = await downloadLicenseFile(deps, actor, id, format);
  const png =
    format === 'ofd'
      ? await ports.ofdImages.rasterize(file.bytes, dpi)
      : await ports.renderer.rasterize(file.bytes, dpi);
  return { png, format, sha256: file.sha256 };
}

/** The signed PDF of a version (LICENSE_FORMAT_UNAVAILABLE for an OFD-only licence). */
export async function licenseFile(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ license: License; pdf: Uint8Array }> {
  const { license, bytes } = await downloadLicenseFile(deps, actor, id, 'pdf');
  return { license, pdf: bytes };
}

/**
 * 归档件: the signed file of a version for the archive, with what an archive records about it
 * (the national interface's `license/archive`: file name, type and data). Authorised as downloads.
 */
export async function licenseArchiveCopy(
  deps: Deps,
  actor: Actor,
  id: string,
  format: LicenseFileKind,
): Promise<{
  identifier: string;
  fileName: string;
  fileType: LicenseFileKind;
  contentType: string;
  sha256: string;
  bytes: Uint8Array;
}> {
  const file = await downloadLicenseFile(deps, actor, id, format);
  return {
    identifier: file.license.identifier,
    fileName: file.fileName,
    fileType: format,
    contentType: file.contentType,
    sha256: file.sha256,
    bytes: file.bytes,
  };
}
