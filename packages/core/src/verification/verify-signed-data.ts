import type { Check } from '@zhengyin/documents';
import { verdictOf } from '@zhengyin/documents';
import type { CmsCheck, SesCheck } from '@zhengyin/gm';
import {
  decodeSesSignature,
  parseCertificate,
  sm3,
  validateCertificatePath,
  verifySesSignature,
  verifySignedData,
} from '@zhengyin/gm';
import { canonicalJson } from '../audit/canonical.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { statusAt } from '../seals/read-seals.js';
import { registryChecks } from './verify-sealed-pdf.js';

const fromCms = (c: CmsCheck): Check => ({
  name: `CMS_${c.name}`,
  status: c.status,
  code: c.code ?? (c.status === 'VALID' ? `CMS_${c.name}_VALID` : `CMS_${c.name}_${c.status}`),
  message: c.message ?? c.name,
  ...(c.details ? { details: c.details } : {}),
});

const fromSes = (c: SesCheck): Check => ({
  name: `SES_${c.name}`,
  status: c.status,
  code: c.code,
  message: c.message,
});

/**
 * Verifies a signed JSON document: the SES_Signature (dataHash = SM3 of the canonical bytes, seal,
 * signer certificate chain) and/or the detached CMS, then the seal's registry status then and now.
 */
export async function verifySignedJson(
  deps: Pick<CoreDeps, 'uow'>,
  input: { data: unknown; sesSignature?: Uint8Array; cms?: Uint8Array },
) {
  if (!input.sesSignature && !input.cms) {
    throw new AppError('REQUEST_VALIDATION_FAILED', 'give the SES signature, the CMS, or both');
  }
  let bytes: Uint8Array;
  try {
    bytes = new TextEncoder().encode(canonicalJson(input.data, 'finite'));
  } catch (e) {
    throw new AppError('REQUEST_VALIDATION_FAILED', (e as Error).message, { field: 'data' });
  }
  const cas = await deps.uow.read((r) => r.certificateAuthorities.list());
  const anchors = cas.filter((ca) => ca.active).map((ca) => parseCertificate(ca.certificate));
  const checks: Check[] = [];
  let sealCode: string | null = null;
  let signedAt: Date | null = null;
  if (input.sesSignature) {
    try {
      const sig = decodeSesSignature(input.sesSignature);
      checks.push(...verifySesSignature(sig, { dataHash: sm3(bytes) }).map(fromSes));
      const path = validateCertificatePath({
        certificate: parseCertificate(sig.signerCertificate),
        trustAnchors: anchors,
        time: sig.tbs.timeInfo.date ?? new Date(),
      });
      checks.push({
        name: 'SES_CERTIFICATE_CHAIN',
        status: path.ok ? 'VALID' : 'INVALID',
        code: path.ok ? 'SES_CHAIN_VALID' : (path.problems[0]?.code ?? 'SES_CHAIN_INVALID'),
        message: path.ok
          ? 'the signer certificate chains to a trust anchor'
          : 'the signer certificate does not chain to a trust anchor',
      });
      sealCode = sig.tbs.seal.sealInfo.esId;
      signedAt = sig.tbs.timeInfo.date ?? null;
    } catch (e) {
      checks.push({
        name: 'SES_SIGNATURE',
        status: 'ERROR',
        code: 'SES_MALFORMED',
        message: (e as Error).message,
      });
    }
  }
  if (input.cms) {
    try {
      const result = verifySignedData(input.cms, { content: bytes, trustAnchors: anchors });
      checks.push(...result.checks.map(fromCms));
    } catch (e) {
      checks.push({
        name: 'CMS_SIGNATURE',
        status: 'ERROR',
        code: 'CMS_MALFORMED',
        message: (e as Error).message,
      });
    }
  }
  if (sealCode) {
    const found = await deps.uow.read(async (r) => {
      const seal = await r.seals.getByCode(sealCode!);
      return seal ? { seal, history: await r.seals.statusEvents(seal.id) } : null;
    });
    if (found) {
      checks.push(
        ...registryChecks(
          {
            sealCode,
            statusAtSigning: signedAt ? statusAt(found.history, signedAt) : null,
            statusNow: found.seal.status,
          },
          signedAt,
        ),
      );
    }
  }
  return { verdict: verdictOf(checks), checks, sealCode, signedAt };
}
