import type { SealPlacement } from '@zhengyin/documents';
import { timestampSignatureValue } from '../pki/timestamp.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { authoriseUse, consumeUse } from './approved-use.js';
import type { PdfSealer, SealUsage } from './ports.js';

export interface SealDocumentInput {
  readonly useRequestId: string;
  readonly pin: string;
  readonly pdf: Uint8Array;
  readonly placement: SealPlacement;
  readonly timestamp?: boolean;
  readonly location?: string;
}

type Deps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'> & {
  readonly pdf: PdfSealer;
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
};

/**
 * 用印: the keeper seals a PDF under an approved use request with the seal PIN. Only an active seal
 * within its validity signs; each sealing consumes one approved use and is entered in the usage
 * register (time, reason, approver, signer, document digests).
 */
export async function sealDocument(
  deps: Deps,
  { actor, meta, input }: Call<SealDocumentInput>,
): Promise<{ pdf: Uint8Array; usage: SealUsage }> {
  const documentSha256 = bytesToHex(deps.sha256(input.pdf));
  const use = await authoriseUse(deps, actor, input.useRequestId, documentSha256);
  const { seal, request } = use;
  if (!seal.image) throw new AppError('SEALS_IMAGE_INVALID', 'the seal has no image');
  const cas = await deps.uow.run((r) => r.certificateAuthorities.list());
  let result;
  try {
    result = await deps.pdf.seal({
      pdf: input.pdf,
      signerCertificate: seal.certificate,
      chain: cas.filter((ca) => ca.active).map((ca) => ca.certificate),
      sign: (data) => deps.keys.sign({ keyRef: seal.keyRef, data, pin: input.pin }, { actor, meta }),
      appearance: { png: seal.image.png, widthMm: seal.image.widthMm, heightMm: seal.image.heightMm },
      placement: input.placement,
      signingTime: deps.clock.now(),
      reason: request.reason,
      ...(input.location ? { location: input.location } : {}),
      name: seal.name,
      seal: { code: seal.code, ...(seal.sesSeal ? { sesSeal: seal.sesSeal } : {}) },
      ...(input.timestamp ? { timestamp: (value: Uint8Array) => timestampSignatureValue(deps, value) } : {}),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!(error instanceof AppError) && code?.startsWith('PDF_')) {
      throw new AppError('SEALS_DOCUMENT_INVALID', (error as Error).message, { reason: code });
    }
    throw error;
  }
  const usage = await consumeUse(deps, { actor, meta }, use, {
    documentSha256,
    resultSha256: bytesToHex(deps.sha256(result.pdf)),
    action: 'seals.document_sealed',
    details: { pages: [...result.pages], field: result.fieldName },
  });
  return { pdf: result.pdf, usage };
}
