import { createSeal } from '@zhengyin/gm';
import type { PdfAnnotationInfo } from '@zhengyin/documents';
import { ensurePlatformKey } from '../pki/ensure-platform-key.js';
import type { PlatformKey } from '../pki/ports.js';
import { SYSTEM_ACTOR, type Actor, type RequestMeta } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { AnnotationSealPicture, OfdAnnotator } from './annotated-copy-ports.js';

type Deps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>;

/** Name and SES seal type of the platform's annotation seal (type 4: 专用章). */
export const ANNOTATION_SEAL_NAME = '证印平台加注专用章';
export const ANNOTATION_SEAL_TYPE = 4;
/** esID prefix; the copy's id follows, so each copy's seal names the copy it was made for. */
export const ANNOTATION_SEAL_ID_PREFIX = 'ZY-ANNOTATION-';

export interface AnnotationSealRequest {
  readonly copyId: string;
  /** The annotation key: the seal's only signer certificate. */
  readonly key: PlatformKey;
  readonly picture: AnnotationSealPicture;
  /** Whole seconds: the copy's signing time. */
  readonly validStart: Date;
  /** The copy's expiry: the seal itself says how long the copy may be used. */
  readonly validEnd: Date;
}

/**
 * The GB/T 38540 SESeal of one 加注件, made by the platform's seal maker: signer = the SM2
 * annotation key, validity = the copy's signing time to its expiry. A seal per copy (not one cached
 * seal) so that a verifier that only reads the seal still sees when the copy stops being usable.
 */
export async function makeAnnotationSeal(deps: Deps, request: AnnotationSealRequest): Promise<Uint8Array> {
  const maker = await ensurePlatformKey(deps, 'seal-maker');
  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  const seal = await createSeal({
    esId: `${ANNOTATION_SEAL_ID_PREFIX}${request.copyId}`,
    type: ANNOTATION_SEAL_TYPE,
    name: ANNOTATION_SEAL_NAME,
    signerCertificates: [request.key.certificate],
    validStart: request.validStart,
    validEnd: request.validEnd,
    createDate: request.validStart,
    picture: {
      type: 'png',
      data: request.picture.png,
      width: Math.max(1, Math.round(request.picture.widthMm)),
      height: Math.max(1, Math.round(request.picture.heightMm)),
    },
    makerCertificate: maker.certificate,
    sign: (data) => deps.keys.sign({ keyRef: maker.keyRef, data }, by),
  });
  return seal.der;
}

export interface OfdCopyRequest {
  readonly copyId: string;
  /** The SM2 annotation key (platform key `annotation`). */
  readonly key: PlatformKey;
  readonly original: Uint8Array;
  readonly annotation: PdfAnnotationInfo;
  /** Whole seconds. */
  readonly signedAt: Date;
  readonly expiry: Date;
  readonly by: { readonly actor: Actor; readonly meta: RequestMeta };
}

/** Document, SES and crypto errors of the OFD engine as the 加注件 errors the PDF path answers. */
function liftOfdError(error: unknown): never {
  const e = error as { code?: string; message?: string; details?: Record<string, unknown> };
  const known = ['OFD_', 'SES_', 'GM_'].some((p) => e.code?.startsWith(p));
  if (error instanceof AppError || !known) throw error;
  const details = { reason: e.code, ...e.details };
  if (Array.isArray(e.details?.characters))
    throw new AppError('LICENSE_GLYPH_MISSING', e.message ?? 'glyph missing', details);
  // The statement (cause, item, producer) is too long for the page.
  if (e.details?.bandHeightMm !== undefined)
    throw new AppError('ANNOTATION_INVALID', e.message ?? 'the statement does not fit', details);
  throw new AppError('ANNOTATION_SIGNING_FAILED', e.message ?? 'the OFD copy could not be signed', details);
}

/**
 * The OFD 加注件: annotateOfd adds the statement layer (Watermark annotation ZY_Annotation with the
 * GB/T 36903 items as parameters) and seals it with the copy's annotation seal, signed by the SM2
 * annotation key. The issuing seal (applied without covering annotations) stays valid.
 */
export async function signOfdCopy(
  deps: Deps,
  annotator: OfdAnnotator,
  request: OfdCopyRequest,
): Promise<Uint8Array> {
  const { key } = request;
  try {
    const sesSeal = await makeAnnotationSeal(deps, {
      copyId: request.copyId,
      key,
      picture: await annotator.sealPicture(),
      validStart: request.signedAt,
      validEnd: request.expiry,
    });
    const { ofd } = await annotator.annotate({
      ofd: request.original,
      annotation: request.annotation,
      sesSeal,
      signerCertificate: key.certificate,
      sign: (data) => deps.keys.sign({ keyRef: key.keyRef, data }, request.by),
      signingTime: request.signedAt,
    });
    return ofd;
  } catch (error) {
    liftOfdError(error);
  }
}
