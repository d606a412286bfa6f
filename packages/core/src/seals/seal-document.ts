import type { SealPlacement } from '@zhengyin/documents';
import { sm3Hex } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import { timestampSignatureValue } from '../pki/timestamp.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { canSign } from './lifecycle.js';
import type { PdfSealer, SealUsage } from './ports.js';
import { loadSeal, sealTarget } from './seal-access.js';

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
  const { seal, request } = await deps.uow.run(async (r) => {
    const request = await r.sealUses.get(input.useRequestId);
    if (!request) throw new AppError('SEALS_USE_NOT_FOUND', `use request ${input.useRequestId} not found`);
    const seal = await loadSeal(r, request.sealId);
    if (!(actor.kind === 'user' && actor.id === seal.keeperId)) {
      throw new AppError('AUTH_FORBIDDEN', 'only the keeper signs with the seal', {
        regionCode: seal.regionCode,
      });
    }
    return { seal, request };
  });
  if (request.status === 'exhausted') throw new AppError('SEALS_USE_EXHAUSTED', 'all approved uses are used');
  if (request.status !== 'approved')
    throw new AppError('SEALS_USE_NOT_APPROVED', `the use request is ${request.status}`);
  if (request.documentSha256 && request.documentSha256 !== documentSha256) {
    throw new AppError('SEALS_DOCUMENT_MISMATCH', 'not the document approved for sealing', {
      approved: request.documentSha256,
      given: documentSha256,
    });
  }
  const now = deps.clock.now();
  if (
    !canSign(seal.status, seal.validFrom, seal.validTo, now) ||
    !seal.keyRef ||
    !seal.certificate ||
    !seal.image
  ) {
    throw new AppError('SEALS_CANNOT_SIGN', `the seal is ${seal.status}`, {
      status: seal.status,
      validTo: seal.validTo?.toISOString() ?? null,
    });
  }
  const by = { actor, meta };
  const keyRef = seal.keyRef;
  const cas = await deps.uow.run((r) => r.certificateAuthorities.list());
  let result;
  try {
    result = await deps.pdf.seal({
      pdf: input.pdf,
      signerCertificate: seal.certificate,
      chain: cas.filter((ca) => ca.active).map((ca) => ca.certificate),
      sign: (data) => deps.keys.sign({ keyRef, data, pin: input.pin }, by),
      appearance: { png: seal.image.png, widthMm: seal.image.widthMm, heightMm: seal.image.heightMm },
      placement: input.placement,
      signingTime: now,
      reason: request.reason,
      ...(input.location ? { location: input.location } : {}),
      name: seal.name,
      seal: { code: seal.code, ...(seal.sesSeal ? { sesSeal: seal.sesSeal } : {}) },
      ...(input.timestamp ? { timestamp: (value: Uint8Array) => timestampSignatureValue(deps, value) } : {}),
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code?.startsWith('PDF_'))
      throw new AppError('SEALS_DOCUMENT_INVALID', (error as Error).message, { reason: code });
    throw error;
  }
  return deps.uow.run(async (r) => {
    const current = await r.sealUses.getForUpdate(request.id);
    if (!current || current.status !== 'approved')
      throw new AppError('SEALS_USE_EXHAUSTED', 'all approved uses are used');
    const usesDone = current.usesDone + 1;
    await r.sealUses.update({
      ...current,
      usesDone,
      status: usesDone >= current.usesAllowed ? 'exhausted' : 'approved',
    });
    const usage: SealUsage = {
      id: deps.ids.uuid(),
      sealId: seal.id,
      useRequestId: request.id,
      signerId: actor.kind === 'user' ? actor.id : 'system',
      approverId: request.approverId,
      reason: request.reason,
      documentSha256,
      sealedSha256: bytesToHex(deps.sha256(result.pdf)),
      at: now,
    };
    await r.sealUses.addUsage(usage);
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.document_sealed', sealTarget(seal), {
        useRequestId: request.id,
        usage: usesDone,
        of: current.usesAllowed,
        documentSha256,
        sealedSha256: usage.sealedSha256,
        sealedSm3: sm3Hex(result.pdf),
        pages: [...result.pages],
        field: result.fieldName,
      }),
    );
    return { pdf: result.pdf, usage };
  });
}
