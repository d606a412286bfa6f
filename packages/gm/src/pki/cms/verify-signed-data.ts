import { GmError } from '../../errors.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { verifyTimestampToken } from '../tsp/verify-token.js';
import type { TimestampVerification } from '../tsp/verify-token.js';
import { parseSignedData } from './signed-data.js';
import type { ParsedSignedData, ParsedSignerInfo } from './signed-data.js';
import { chainCheck, verifySignerInfo } from './verify-signer.js';
import type { ChainOptions, CmsCheck } from './verify-signer.js';

export interface VerifySignedDataOptions extends ChainOptions {
  /**
   * The signed data: required for a detached signature; with encapsulated content, the digest is
   * checked against this instead, so a CMS that signs other data than the caller's fails.
   */
  readonly content?: Uint8Array;
  /** Time for the certificate path; default: verified timestamp, else signingTime. */
  readonly time?: Date;
  /** Which SignerInfo to verify (default 0). */
  readonly signerIndex?: number;
  /** Trust anchors for the TSA of an embedded timestamp; without them its path is SKIPPED. */
  readonly timestampTrustAnchors?: readonly ParsedCertificate[];
}

export interface CmsSignerSummary {
  readonly certificate?: ParsedCertificate;
  readonly subject?: string;
  readonly serialHex?: string;
  readonly signingTime?: Date;
  readonly digestAlgorithm: string;
  readonly signatureAlgorithm: string;
}

export interface CmsVerification {
  /** Every check is VALID or SKIPPED, and the signature itself is VALID. */
  readonly ok: boolean;
  readonly checks: readonly CmsCheck[];
  readonly signer: CmsSignerSummary;
  readonly signerCount: number;
  readonly profile: ParsedSignedData['profile'];
  readonly timestamp?: { readonly genTime: Date; readonly serialHex: string; readonly policy: string };
}

function timestampCheck(
  signer: ParsedSignerInfo,
  options: VerifySignedDataOptions,
): { check: CmsCheck; result?: TimestampVerification } {
  const token = signer.timestampTokens[0];
  if (!token) return { check: { name: 'TIMESTAMP', status: 'SKIPPED', code: 'NO_TIMESTAMP' } };
  let result: TimestampVerification;
  try {
    result = verifyTimestampToken({
      token,
      data: signer.signature,
      ...(options.timestampTrustAnchors ? { trustAnchors: options.timestampTrustAnchors } : {}),
      ...(options.certificates ? { certificates: options.certificates } : {}),
    });
  } catch (error) {
    const code = error instanceof GmError ? error.code : 'TIMESTAMP_MALFORMED';
    return { check: { name: 'TIMESTAMP', status: 'ERROR', code, message: String(error) } };
  }
  const failed = result.checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR');
  return {
    result,
    check: result.ok
      ? {
          name: 'TIMESTAMP',
          status: 'VALID',
          details: { genTime: result.tstInfo.genTime.toISOString(), checks: result.checks },
        }
      : {
          name: 'TIMESTAMP',
          status: 'INVALID',
          code: failed[0]?.code ?? 'TIMESTAMP_INVALID',
          details: { checks: result.checks },
        },
  };
}

/**
 * Verifies one signer of a CMS SignedData (RFC 5652 or GM/T 0010 OIDs; SM2, ECDSA, RSA) and
 * returns typed checks: CONTENT_TYPE, MESSAGE_DIGEST, SIGNER_CERTIFICATE, SIGNATURE,
 * SIGNING_CERTIFICATE, SIGNING_TIME, TIMESTAMP, CERTIFICATE_CHAIN.
 */
export function verifySignedData(
  cms: Uint8Array | ParsedSignedData,
  options: VerifySignedDataOptions = {},
): CmsVerification {
  const sd = cms instanceof Uint8Array ? parseSignedData(cms) : cms;
  const index = options.signerIndex ?? 0;
  const signer = sd.signerInfos[index];
  if (!signer)
    throw new GmError('GM_CMS_NO_SIGNER', `CMS has no signer #${index}`, {
      signerCount: sd.signerInfos.length,
    });
  const content = options.content ?? sd.eContent;
  const core = verifySignerInfo(sd, signer, content, options.certificates);
  const ts = timestampCheck(signer, options);
  const time = options.time ?? (ts.result?.ok ? ts.result.tstInfo.genTime : undefined) ?? signer.signingTime;
  const checks = [...core.checks, ts.check, chainCheck(core.certificate, sd, options, time)];
  const ok =
    checks.every((c) => c.status === 'VALID' || c.status === 'SKIPPED') &&
    checks.some((c) => c.name === 'SIGNATURE' && c.status === 'VALID');
  const cert = core.certificate;
  return {
    ok,
    checks,
    signer: {
      ...(cert ? { certificate: cert, subject: cert.subject.text, serialHex: cert.serialHex } : {}),
      ...(signer.signingTime ? { signingTime: signer.signingTime } : {}),
      digestAlgorithm: signer.digestAlgorithm.oid,
      signatureAlgorithm: signer.signatureAlgorithm.oid,
    },
    signerCount: sd.signerInfos.length,
    profile: sd.profile,
    ...(ts.result?.ok
      ? {
          timestamp: {
            genTime: ts.result.tstInfo.genTime,
            serialHex: ts.result.tstInfo.serialHex,
            policy: ts.result.tstInfo.policy,
          },
        }
      : {}),
  };
}
