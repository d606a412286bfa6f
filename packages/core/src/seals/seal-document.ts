import type { DocumentFormat, SealPlacement } from '@zhengyin/documents';
import { timestampSignatureValue } from '../pki/timestamp.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { authoriseUse, consumeUse, type AuthorisedUse } from './approved-use.js';
import { checkOfdSealing, documentFormatOf, ofdPlacementOf, type OfdDocumentSealer } from './ofd-sealing.js';
import type { PdfSealer, SealUsage } from './ports.js';

export interface SealDocumentInput {
  readonly useRequestId: string;
  readonly pin: string;
  /** A PDF or an OFD file. */
  readonly document: Uint8Array;
  /** What the document must be; by default what its bytes say ("%PDF-" or a zip). */
  readonly format?: DocumentFormat;
  readonly placement: SealPlacement;
  readonly timestamp?: boolean;
  /** PDF only (the signature's /Location); OFD signatures have no such field. */
  readonly location?: string;
}

export interface SealDocumentResult {
  readonly document: Uint8Array;
  readonly format: DocumentFormat;
  /** 1-based pages showing the seal. */
  readonly pages: readonly number[];
  readonly usage: SealUsage;
}

type Deps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'> & {
  readonly pdf: PdfSealer;
  readonly ofd: OfdDocumentSealer;
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
};

interface Sealed {
  readonly bytes: Uint8Array;
  readonly pages: readonly number[];
  readonly details: Record<string, unknown>;
}

/** A document error of the engines (not an AppError) with a code starting with one of `prefixes`. */
function engineCode(error: unknown, ...prefixes: string[]): string | undefined {
  const code = (error as { code?: unknown }).code;
  return !(error instanceof AppError) && typeof code === 'string' && prefixes.some((p) => code.startsWith(p))
    ? code
    : undefined;
}

async function sealAsPdf(deps: Deps, call: Call<SealDocumentInput>, use: AuthorisedUse): Promise<Sealed> {
  const { actor, meta, input } = call;
  const { seal, request } = use;
  const image = seal.image as NonNullable<typeof seal.image>;
  const cas = await deps.uow.run((r) => r.certificateAuthorities.list());
  try {
    const result = await deps.pdf.seal({
      pdf: input.document,
      signerCertificate: seal.certificate,
      chain: cas.filter((ca) => ca.active).map((ca) => ca.certificate),
      sign: (data) => deps.keys.sign({ keyRef: seal.keyRef, data, pin: input.pin }, { actor, meta }),
      appearance: { png: image.png, widthMm: image.widthMm, heightMm: image.heightMm },
      placement: input.placement,
      signingTime: deps.clock.now(),
      reason: request.reason,
      ...(input.location ? { location: input.location } : {}),
      name: seal.name,
      seal: { code: seal.code, ...(seal.sesSeal ? { sesSeal: seal.sesSeal } : {}) },
      ...(input.timestamp ? { timestamp: (value: Uint8Array) => timestampSignatureValue(deps, value) } : {}),
    });
    return {
      bytes: result.pdf,
      pages: result.pages,
      details: { pages: [...result.pages], field: result.fieldName },
    };
  } catch (error) {
    const code = engineCode(error, 'PDF_');
    if (code) throw new AppError('SEALS_DOCUMENT_INVALID', (error as Error).message, { reason: code });
    throw error;
  }
}

/**
 * OFD: an SES signature (GB/T 38540) over the document, its Signature.xml protecting every part but
 * Signatures.xml, so that later seals keep it valid. The reader's OFD_* errors keep their code;
 * the SES layer's refusals (seal or certificate not valid now, signer not in the seal) are
 * SEALS_CANNOT_SIGN.
 */
async function sealAsOfd(deps: Deps, call: Call<SealDocumentInput>, use: AuthorisedUse): Promise<Sealed> {
  const { actor, meta, input } = call;
  const { seal } = use;
  const sesSeal = checkOfdSealing(seal);
  const image = seal.image as NonNullable<typeof seal.image>;
  try {
    const placement = ofdPlacementOf(input.placement, deps.ofd.pages(input.document), image);
    const result = await deps.ofd.seal({
      ofd: input.document,
      sesSeal,
      signerCertificate: seal.certificate,
      sign: (data) => deps.keys.sign({ keyRef: seal.keyRef, data, pin: input.pin }, { actor, meta }),
      placement,
      signingTime: deps.clock.now(),
      protection: 'continue',
      ...(input.timestamp ? { timestamp: (value: Uint8Array) => timestampSignatureValue(deps, value) } : {}),
    });
    const pages = result.pages.map((p) => p + 1);
    return {
      bytes: result.ofd,
      pages,
      details: { pages, signature: result.signatureId, signaturePart: result.signaturePart },
    };
  } catch (error) {
    const ofd = engineCode(error, 'OFD_');
    if (ofd) {
      const { message, details } = error as { message: string; details?: Record<string, unknown> };
      throw new AppError(ofd, message, details);
    }
    const ses = engineCode(error, 'GM_SES_');
    if (ses) throw new AppError('SEALS_CANNOT_SIGN', (error as Error).message, { reason: ses });
    throw error;
  }
}

/**
 * 用印: the keeper seals a PDF or an OFD document under an approved use request with the seal PIN.
 * Only an active seal within its validity signs (an OFD document: an SM2 seal with its SESeal);
 * each sealing consumes one approved use and is entered in the usage register (time, reason,
 * approver, signer, document digests). A refused document consumes nothing.
 */
export async function sealDocument(deps: Deps, call: Call<SealDocumentInput>): Promise<SealDocumentResult> {
  const { actor, meta, input } = call;
  const documentSha256 = bytesToHex(deps.sha256(input.document));
  const use = await authoriseUse(deps, actor, input.useRequestId, documentSha256);
  if (!use.seal.image) throw new AppError('SEALS_IMAGE_INVALID', 'the seal has no image');
  const format = documentFormatOf(input.document, input.format);
  const sealed = format === 'ofd' ? await sealAsOfd(deps, call, use) : await sealAsPdf(deps, call, use);
  const usage = await consumeUse(deps, { actor, meta }, use, {
    documentSha256,
    resultSha256: bytesToHex(deps.sha256(sealed.bytes)),
    action: 'seals.document_sealed',
    details: { format, ...sealed.details },
  });
  return { document: sealed.bytes, format, pages: sealed.pages, usage };
}
