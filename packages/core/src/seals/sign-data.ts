import { createSesSignature, createSignedData, parseCertificate, sm3 } from '@zhengyin/gm';
import { canonicalJson } from '../audit/canonical.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { authoriseUse, consumeUse } from './approved-use.js';

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
  const documentSha256 = bytesToHex(deps.sha256(bytes));
  const use = await authoriseUse(deps, actor, input.useRequestId, documentSha256);
  const { seal } = use;
  const now = deps.clock.now();
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
  await consumeUse(deps, { actor, meta }, use, {
    documentSha256,
    resultSha256: bytesToHex(deps.sha256(sesSignature ?? cms)),
    action: 'seals.data_signed',
    details: { ses: sesSignature !== null },
  });
  return { canonical, sesSignature, cms, sealCode: seal.code, signedAt: now };
}
