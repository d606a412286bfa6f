import { GmError, createSignedData, parseCertificate, sm3Hex, verifyTimestampToken } from '@zhengyin/gm';
import type { ParsedCertificate } from '@zhengyin/gm';
import { DocumentError } from '../checks.js';
import type { SignFunction } from './types.js';

/**
 * The detached CMS of a PDF signature (SubFilter ETSI.CAdES.detached) built with @zhengyin/gm:
 * signed attributes contentType, messageDigest, signingCertificateV2 (and signingTime, which gm
 * always writes); the algorithm follows the signer certificate's key (SM2 → SM2-with-SM3,
 * P-256 → ECDSA-SHA256, RSA → RSA-SHA256); an optional RFC 3161 token over the signature value
 * goes into the unsigned attribute id-aa-timeStampToken (PAdES-B-T).
 */

export interface PdfCmsInput {
  /** The bytes covered by /ByteRange, concatenated. */
  readonly content: Uint8Array;
  readonly signerCertificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly sign: SignFunction;
  readonly signingTime: Date;
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

// Parsing a certificate costs more than an ECDSA signature; the same seal certificate signs many
// documents, so parsed certificates are kept (bounded, keyed by content digest).
const CACHE_SIZE = 64;
const parsedCache = new Map<string, ParsedCertificate>();

function certificate(der: Uint8Array, role: string): ParsedCertificate {
  if (!(der instanceof Uint8Array))
    throw new DocumentError('PDF_CERTIFICATE_INVALID', `the ${role} certificate must be DER bytes`);
  const key = sm3Hex(der);
  const hit = parsedCache.get(key);
  if (hit) {
    parsedCache.delete(key);
    parsedCache.set(key, hit);
    return hit;
  }
  try {
    const parsed = parseCertificate(der);
    parsedCache.set(key, parsed);
    if (parsedCache.size > CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value as string);
    return parsed;
  } catch (error) {
    const code = error instanceof GmError ? error.code : 'unknown';
    throw new DocumentError('PDF_CERTIFICATE_INVALID', `the ${role} certificate cannot be read (${code})`);
  }
}

/** Parses the signer certificate and chain once (so a bad certificate fails before any work). */
export function parseSignerCertificates(
  signer: Uint8Array,
  chain: readonly Uint8Array[] = [],
): { signer: ParsedCertificate; chain: ParsedCertificate[] } {
  const parsed = certificate(signer, 'signer');
  if (!['SM2', 'EC-P256', 'RSA'].includes(parsed.publicKey.algorithm)) {
    throw new DocumentError(
      'PDF_CERTIFICATE_INVALID',
      `the signer certificate has a ${parsed.publicKey.algorithm} key; SM2, ECDSA P-256 or RSA is needed`,
    );
  }
  return { signer: parsed, chain: chain.map((der, i) => certificate(der, `chain #${i + 1}`)) };
}

function checkedTimestamp(
  timestamp: (signatureValue: Uint8Array) => Promise<Uint8Array>,
): (signatureValue: Uint8Array) => Promise<Uint8Array> {
  return async (signatureValue) => {
    const token = await timestamp(signatureValue);
    let ok: boolean;
    try {
      const result = verifyTimestampToken({ token, data: signatureValue });
      // The token must be over this signature value and must not be broken; a TSA certificate that
      // is not in the token (certReq false) leaves its signature unchecked here.
      ok =
        result.checks.some((c) => c.name === 'MESSAGE_IMPRINT' && c.status === 'VALID') &&
        !result.checks.some(
          (c) => ['TOKEN', 'MESSAGE_DIGEST', 'SIGNATURE'].includes(c.name) && c.status === 'INVALID',
        );
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new DocumentError(
        'PDF_TIMESTAMP_INVALID',
        'the timestamp token is malformed, does not verify, or is not over this signature value',
      );
    }
    return token;
  };
}

export async function createPdfCms(
  input: PdfCmsInput,
  certs = parseSignerCertificates(input.signerCertificate, input.chain),
): Promise<Uint8Array> {
  try {
    return await createSignedData({
      content: input.content,
      signerCertificate: certs.signer,
      certificates: certs.chain,
      sign: input.sign,
      signingTime: input.signingTime,
      ...(input.timestamp ? { timestamp: checkedTimestamp(input.timestamp) } : {}),
    });
  } catch (error) {
    if (error instanceof GmError && error.code === 'GM_SIGNER_KEY_MISMATCH') {
      throw new DocumentError(
        'PDF_SIGNER_KEY_MISMATCH',
        'the signature does not verify with the signer certificate: wrong key for this certificate',
      );
    }
    throw error;
  }
}
