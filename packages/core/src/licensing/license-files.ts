import type { LicenseFileFormat, LicenseTypeVersion } from '../catalog/types.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { LicensingPorts } from './ports.js';
import { renderAndSealOfd, type SealedOfd } from './sign-license-ofd.js';
import { renderAndSign, type IssuingSeal } from './sign-license.js';
import type { License } from './types.js';

/** One signed file of a licence. */
export type LicenseFileKind = 'pdf' | 'ofd';

export const LICENSE_FILE_CONTENT_TYPES: Record<LicenseFileKind, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
};

export const includesPdf = (format: LicenseFileFormat): boolean => format !== 'ofd';
export const includesOfd = (format: LicenseFileFormat): boolean => format !== 'pdf';

/** The files a stored licence version has. */
export function fileFormatOf(license: Pick<License, 'fileSha256' | 'ofdSha256'>): LicenseFileFormat {
  if (license.fileSha256 && license.ofdSha256) return 'both';
  return license.ofdSha256 ? 'ofd' : 'pdf';
}

/** The signed files of a licence being issued (a format's entry is null when not asked for). */
export interface LicenseFiles {
  readonly pdf: { readonly bytes: Uint8Array; readonly sha256: string } | null;
  readonly ofd: SealedOfd | null;
}

/** Renders and signs every file `format` asks for (concurrently: the renderer may run in workers). */
export async function makeLicenseFiles(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  ports: LicensingPorts,
  type: LicenseTypeVersion,
  license: License,
  issuing: IssuingSeal,
  format: LicenseFileFormat,
): Promise<LicenseFiles> {
  const [pdf, ofd] = await Promise.all([
    includesPdf(format) ? renderAndSign(deps, ports, type, license, issuing) : null,
    includesOfd(format) ? renderAndSealOfd(deps, ports, type, license, issuing) : null,
  ]);
  return { pdf: pdf ? { bytes: pdf.pdf, sha256: pdf.sha256 } : null, ofd };
}

/** The licence row's file columns for `files`. */
export function withFiles(draft: License, files: LicenseFiles): License {
  return {
    ...draft,
    fileSha256: files.pdf?.sha256 ?? null,
    fileSize: files.pdf?.bytes.length ?? null,
    ofdSha256: files.ofd?.sha256 ?? null,
    ofdSignedValueSha256: files.ofd?.signedValueSha256 ?? null,
  };
}

export async function storeLicenseFiles(r: Repositories, files: LicenseFiles): Promise<void> {
  if (files.pdf) await r.blobs.put(files.pdf.sha256, files.pdf.bytes);
  if (files.ofd) await r.blobs.put(files.ofd.sha256, files.ofd.ofd);
}

/** The SHA-256 of a licence's file in `kind`, or LICENSE_FORMAT_UNAVAILABLE when it was not issued so. */
export function licenseFileSha256(license: License, kind: LicenseFileKind): string {
  const sha256 = kind === 'pdf' ? license.fileSha256 : license.ofdSha256;
  if (sha256) return sha256;
  throw new AppError(
    'LICENSE_FORMAT_UNAVAILABLE',
    `licence ${license.identifier} was not issued as ${kind.toUpperCase()}`,
    { identifier: license.identifier, format: kind, issued: fileFormatOf(license) },
  );
}

/** The stored bytes of a licence's file in `kind` (LICENSE_FORMAT_UNAVAILABLE, LICENSE_FILE_MISSING). */
export async function readLicenseFile(
  r: Repositories,
  license: License,
  kind: LicenseFileKind,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const sha256 = licenseFileSha256(license, kind);
  const bytes = await r.blobs.get(sha256);
  if (!bytes)
    throw new AppError('LICENSE_FILE_MISSING', 'the licence file is missing', {
      id: license.id,
      format: kind,
    });
  return { bytes, sha256 };
}
