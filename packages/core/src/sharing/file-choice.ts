import { fileFormatOf, type LicenseFileKind } from '../licensing/license-files.js';
import type { License } from '../licensing/types.js';
import { AppError } from '../shared/app-error.js';

/**
 * Which file of a licence a channel hands over (download, sharing, use-code, 加注件): the format
 * asked for, else the PDF when the licence has one, else its OFD. LICENSE_FORMAT_UNAVAILABLE when
 * the licence was not issued in the format asked for.
 */
export function chooseLicenseFile(
  license: Pick<License, 'identifier' | 'fileSha256' | 'ofdSha256'>,
  wanted?: LicenseFileKind,
): LicenseFileKind {
  const issued = fileFormatOf(license);
  const kind = wanted ?? (issued === 'ofd' ? 'ofd' : 'pdf');
  if (issued !== 'both' && issued !== kind)
    throw new AppError(
      'LICENSE_FORMAT_UNAVAILABLE',
      `licence ${license.identifier} was not issued as ${kind.toUpperCase()}`,
      {
        identifier: license.identifier,
        format: kind,
        issued,
      },
    );
  return kind;
}
