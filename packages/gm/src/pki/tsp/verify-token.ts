import { GmError } from '../../errors.js';
import { digest } from '../../algorithms/registry.js';
import { bytesEqual } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { parseSignedData } from '../cms/signed-data.js';
import type { ParsedSignedData } from '../cms/signed-data.js';
import { chainCheck, verifySignerInfo } from '../cms/verify-signer.js';
import type { ChainOptions, CheckStatus, CmsCheckName } from '../cms/verify-signer.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import type { TimestampRequest } from './request.js';
import { parseTstInfo } from './tst-info.js';
import type { TstInfo } from './tst-info.js';

export type TimestampCheckName =
  CmsCheckName | 'TOKEN' | 'MESSAGE_IMPRINT' | 'NONCE' | 'POLICY' | 'TSA_CERTIFICATE';

export interface TimestampCheck {
  readonly name: TimestampCheckName;
  readonly status: CheckStatus;
  readonly code?: string;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

export interface ParsedTimestampToken {
  readonly signedData: ParsedSignedData;
  readonly tstInfo: TstInfo;
}

/** Parses a TimeStampToken (CMS SignedData over TSTInfo). */
export function parseTimestampToken(token: Uint8Array): ParsedTimestampToken {
  const signedData = parseSignedData(token);
  if (signedData.eContentType !== OID.tstInfo || !signedData.eContent) {
    throw new GmError('GM_TSP_NOT_A_TOKEN', 'the SignedData does not encapsulate a TSTInfo', {
      eContentType: signedData.eContentType,
    });
  }
  return { signedData, tstInfo: parseTstInfo(signedData.eContent) };
}

export interface VerifyTimestampTokenInput extends ChainOptions {
  /** DER TimeStampToken (ContentInfo). */
  readonly token: Uint8Array;
  /** The time-stamped data; or give `digest` (same hash as the token), or `request`. */
  readonly data?: Uint8Array;
  readonly digest?: Uint8Array;
  /** The request the token answers: imprint, nonce and policy are compared with it. */
  readonly request?: TimestampRequest;
  /** Time for the TSA certificate path; default the token's genTime. */
  readonly time?: Date;
}

export interface TimestampVerification {
  readonly ok: boolean;
  readonly checks: readonly TimestampCheck[];
  readonly tstInfo: TstInfo;
  readonly tsaCertificate?: ParsedCertificate;
}

const check = (
  name: TimestampCheckName,
  status: CheckStatus,
  code?: string,
  message?: string,
): TimestampCheck => ({
  name,
  status,
  ...(code ? { code } : {}),
  ...(message ? { message } : {}),
});

/**
 * Verifies an RFC 3161 token: the CMS signature over TSTInfo, ESS signing certificate
 * (required), the TSA certificate's critical timeStamping-only extendedKeyUsage, the message
 * imprint against the data / digest / request, nonce and policy against the request, and the TSA
 * path when trust anchors are given. Throws GmError only for undecodable tokens.
 */
export function verifyTimestampToken(input: VerifyTimestampTokenInput): TimestampVerification {
  const { signedData, tstInfo } = parseTimestampToken(input.token);
  const checks: TimestampCheck[] = [];
  if (signedData.signerInfos.length !== 1) {
    checks.push(check('TOKEN', 'INVALID', 'SIGNER_COUNT', `${signedData.signerInfos.length} signers`));
  } else checks.push(check('TOKEN', 'VALID'));
  const signer = signedData.signerInfos[0];
  let certificate: ParsedCertificate | undefined;
  if (signer) {
    const result = verifySignerInfo(signedData, signer, signedData.eContent, input.certificates);
    certificate = result.certificate;
    for (const c of result.checks) {
      // RFC 3161 §2.4.1: the ESS signing certificate attribute is mandatory in tokens.
      if (c.name === 'SIGNING_CERTIFICATE' && c.code === 'SIGNING_CERTIFICATE_ABSENT') {
        checks.push(check('SIGNING_CERTIFICATE', 'INVALID', 'SIGNING_CERTIFICATE_ABSENT'));
      } else checks.push(c);
    }
  }

  const { hash, hashedMessage } = tstInfo.messageImprint;
  const expected =
    input.digest ??
    (input.data && hash ? digest(hash, input.data) : undefined) ??
    (input.request ? input.request.messageImprint.hashedMessage : undefined);
  if (input.data && !hash) checks.push(check('MESSAGE_IMPRINT', 'ERROR', 'DIGEST_ALGORITHM_UNSUPPORTED'));
  else if (!expected) checks.push(check('MESSAGE_IMPRINT', 'SKIPPED', 'NO_DATA'));
  else if (input.request && input.request.messageImprint.hashOid !== tstInfo.messageImprint.hashOid) {
    checks.push(check('MESSAGE_IMPRINT', 'INVALID', 'MESSAGE_IMPRINT_ALGORITHM_MISMATCH'));
  } else if (!bytesEqual(expected, hashedMessage))
    checks.push(check('MESSAGE_IMPRINT', 'INVALID', 'MESSAGE_IMPRINT_MISMATCH'));
  else checks.push(check('MESSAGE_IMPRINT', 'VALID'));

  const nonce = input.request?.nonce;
  if (nonce === undefined) checks.push(check('NONCE', 'SKIPPED', 'NO_REQUEST_NONCE'));
  else
    checks.push(
      tstInfo.nonce === nonce ? check('NONCE', 'VALID') : check('NONCE', 'INVALID', 'NONCE_MISMATCH'),
    );

  const policy = input.request?.policy;
  if (!policy) checks.push(check('POLICY', 'SKIPPED', 'NO_REQUEST_POLICY'));
  else
    checks.push(
      tstInfo.policy === policy ? check('POLICY', 'VALID') : check('POLICY', 'INVALID', 'POLICY_MISMATCH'),
    );

  if (!certificate) checks.push(check('TSA_CERTIFICATE', 'SKIPPED', 'SIGNER_CERTIFICATE_NOT_FOUND'));
  else {
    const eku = certificate.extensions.extendedKeyUsage;
    const ok = !!eku && eku.critical && eku.purposes.length === 1 && eku.purposes[0] === OID.ekuTimeStamping;
    checks.push(
      ok ? check('TSA_CERTIFICATE', 'VALID') : check('TSA_CERTIFICATE', 'INVALID', 'TSA_EXTENDED_KEY_USAGE'),
    );
  }

  checks.push(
    chainCheck(
      certificate,
      signedData,
      {
        ...input,
        purpose: { ...input.purpose, extendedKeyUsage: ['timeStamping'], requireExtendedKeyUsage: true },
      },
      input.time ?? tstInfo.genTime,
    ),
  );
  const ok =
    checks.every((c) => c.status === 'VALID' || c.status === 'SKIPPED') &&
    checks.some((c) => c.name === 'SIGNATURE' && c.status === 'VALID');
  return { ok, checks, tstInfo, ...(certificate ? { tsaCertificate: certificate } : {}) };
}
