import { createSesSignature, createSignedData, parseCertificate, sm3 } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import { canonicalJson } from '../audit/canonical.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { canSign } from './lifecycle.js';
import { loadSeal, sealTarget } from './seal-access.js';

/** propertyInfo of data signatures: what the dataHash covers. */
export const DATA_SIGNATURE_PROPERTY = 'application/json; canonicalization=RFC8785; hash=SM3';

export interface SignDataInput {
  readonly useRequestId: string;
  readonly pin: string;
  /** The form or document as JSON; signed over its canonical bytes. */
  readonly data: unknown;
}

export interface DataSignature {
  readonly canonical: string;
  /** GB/T 38540 SES_Signature over SM3(canonical) — SM2 seals only. */
  readonly sesSignature: Uint8Array | null;
  /** Detached CMS SignedData over the canonical bytes. */
  readonly cms: Uint8Array;
  readonly sealCode: string;
  readonly signedAt: Date;
}

/**
 * Signs a JSON document (web form, mobile client) with a seal under an approved use request: an
 * SES_Signature whose dataHash is SM3 of the canonical bytes (RFC 8785 style) and a detached CMS.
 */
export async function signData(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'> & { readonly sha256: (b: Uint8Array) => Uint8Array },
  { actor, meta, input }: Call<SignDataInput>,
): Promise<DataSignature> {
  let canonical: string;
  try {
    canonical = canonicalJson(input.data, 'finite');
  } catch (e) {
    throw new AppError('REQUEST_VALIDATION_FAILED', (e as Error).message, { field: 'data' });
  }
  const bytes = new TextEncoder().encode(canonical);
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
  const documentSha256 = bytesToHex(deps.sha256(bytes));
  if (request.documentSha256 && request.documentSha256 !== documentSha256) {
    throw new AppError('SEALS_DOCUMENT_MISMATCH', 'not the data approved for signing');
  }
  const now = deps.clock.now();
  if (!canSign(seal.status, seal.validFrom, seal.validTo, now) || !seal.keyRef || !seal.certificate) {
    throw new AppError('SEALS_CANNOT_SIGN', `the seal is ${seal.status}`, { status: seal.status });
  }
  const keyRef = seal.keyRef;
  const sign = (data: Uint8Array) => deps.keys.sign({ keyRef, data, pin: input.pin }, { actor, meta });
  const certificate = parseCertificate(seal.certificate);
  const cms = await createSignedData({
    content: bytes,
    signerCertificate: certificate,
    sign,
    signingTime: now,
  });
  const sesSignature =
    seal.algorithm === 'sm2' && seal.sesSeal
      ? (
          await createSesSignature({
            seal: seal.sesSeal,
            dataHash: sm3(bytes),
            propertyInfo: DATA_SIGNATURE_PROPERTY,
            signerCertificate: seal.certificate,
            sign,
            timeInfo: new Date(Math.floor(now.getTime() / 1000) * 1000),
          })
        ).der
      : null;
  await deps.uow.run(async (r) => {
    const current = await r.sealUses.getForUpdate(request.id);
    if (!current || current.status !== 'approved')
      throw new AppError('SEALS_USE_EXHAUSTED', 'all approved uses are used');
    const usesDone = current.usesDone + 1;
    await r.sealUses.update({
      ...current,
      usesDone,
      status: usesDone >= current.usesAllowed ? 'exhausted' : 'approved',
    });
    await r.sealUses.addUsage({
      id: deps.ids.uuid(),
      sealId: seal.id,
      useRequestId: request.id,
      signerId: actor.kind === 'user' ? actor.id : 'system',
      approverId: request.approverId,
      reason: request.reason,
      documentSha256,
      sealedSha256: bytesToHex(deps.sha256(sesSignature ?? cms)),
      at: now,
    });
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.data_signed', sealTarget(seal), {
        useRequestId: request.id,
        dataSha256: documentSha256,
        ses: sesSignature !== null,
      }),
    );
  });
  return { canonical, sesSignature, cms, sealCode: seal.code, signedAt: now };
}
