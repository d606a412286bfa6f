import { can } from '../accounts/policy.js';
import { loadLicense } from '../licensing/change-license.js';
import { LICENSE_FILE_CONTENT_TYPES } from '../licensing/license-files.js';
import type { License } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { AnnotatedCopy } from './annotated-copy-ports.js';

type Deps = Pick<CoreDeps, 'uow'>;

/** Readers of a licence (issuers, auditors, catalogue staff in scope), its department's apps, the system. */
function authorizeRead(actor: Actor, license: License): void {
  if (actor.kind === 'system') return;
  if (
    actor.kind === 'app' &&
    actor.departmentId === license.departmentId &&
    actor.scopes.includes('licenses:issue')
  )
    return;
  if (can(actor, 'licenses.read', { regionCode: license.regionCode, departmentId: license.departmentId }))
    return;
  throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this licence’s annotated copies', {
    regionCode: license.regionCode,
    departmentId: license.departmentId,
  });
}

/** The 加注件 made of a licence version, newest first, with whether each is still in force. */
export async function listAnnotatedCopies(
  deps: Deps,
  actor: Actor,
  licenseId: string,
): Promise<AnnotatedCopy[]> {
  return deps.uow.run(async (r) => {
    const license = await loadLicense(r, licenseId);
    authorizeRead(actor, license);
    return r.annotatedCopies.listByLicense(license.id);
  });
}

export interface AnnotatedCopyFile {
  readonly copy: AnnotatedCopy;
  /** The signed copy, a PDF or an OFD package (`copy.format`). */
  readonly bytes: Uint8Array;
  /** application/pdf or application/ofd */
  readonly contentType: string;
  /** `<identifier>.annotated.<copy id>.pdf` or `.ofd`. */
  readonly fileName: string;
}

/** The download name of a 加注件. */
export const annotatedCopyFileName = (copy: Pick<AnnotatedCopy, 'id' | 'licenseIdentifier' | 'format'>) =>
  `${copy.licenseIdentifier}.annotated.${copy.id}.${copy.format}`;

/** One 加注件 and its file. */
export async function annotatedCopyFile(
  deps: Deps,
  actor: Actor,
  copyId: string,
): Promise<AnnotatedCopyFile> {
  return deps.uow.run(async (r) => {
    const copy = await r.annotatedCopies.get(copyId);
    if (!copy)
      throw new AppError('ANNOTATION_NOT_FOUND', `annotated copy ${copyId} not found`, { id: copyId });
    authorizeRead(actor, await loadLicense(r, copy.licenseId));
    const bytes = await r.blobs.get(copy.fileSha256);
    if (!bytes)
      throw new AppError('LICENSE_FILE_MISSING', 'the annotated copy’s file is missing', { id: copyId });
    return {
      copy,
      bytes,
      contentType: LICENSE_FILE_CONTENT_TYPES[copy.format],
      fileName: annotatedCopyFileName(copy),
    };
  });
}
