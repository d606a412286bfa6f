import { auditEntry } from '../audit/entry.js';
import {
  LICENSE_FILE_CONTENT_TYPES,
  readLicenseFile,
  type LicenseFileKind,
} from '../licensing/license-files.js';
import type { License } from '../licensing/types.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { chooseLicenseFile } from '../sharing/file-choice.js';
import { requireHolder } from './holder-identity.js';
import { loadOwnLicense } from './own-license.js';

export interface MyLicenseFile {
  readonly license: License;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly format: LicenseFileKind;
  /** application/pdf or application/ofd */
  readonly contentType: string;
  /** `<identifier>.pdf` or `.ofd`. */
  readonly fileName: string;
}

/**
 * The signed file of one of the holder's licences, PDF or OFD (default: the PDF when the licence
 * has one, else its OFD; LICENSE_FORMAT_UNAVAILABLE for a format it was not issued in); audited
 * (`holder.license.downloaded`).
 */
export async function downloadMyLicense(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  wanted?: LicenseFileKind,
): Promise<MyLicenseFile> {
  const holder = requireHolder(actor);
  return deps.uow.run(async (r) => {
    const license = await loadOwnLicense(r, holder, id);
    const format = chooseLicenseFile(license, wanted);
    const { bytes, sha256 } = await readLicenseFile(r, license, format);
    await r.audit.append(
      auditEntry(
        holder,
        meta,
        deps.clock.now(),
        'holder.license.downloaded',
        { type: 'license', id: license.id, regionCode: license.regionCode },
        { identifier: license.identifier, fileSha256: sha256, format },
      ),
    );
    return {
      license,
      bytes,
      sha256,
      format,
      contentType: LICENSE_FILE_CONTENT_TYPES[format],
      fileName: `${license.identifier}.${format}`,
    };
  });
}
