/**
 * The SEAL check of a PDF signature: the seal identity the platform's signer writes into the
 * signature dictionary (/ZY_SealCode, /ZY_SESeal — covered by the signature). The embedded
 * GB/T 38540 SESeal is decoded and verified with @zhengyin/gm (header, maker certificate and
 * signature, validity at the validation time), its seal code must equal /ZY_SealCode, and the
 * signer certificate must be in the seal's certificate list.
 */
import { createHash } from 'node:crypto';
import { GmError, decodeSeal, sm3, verifySeal } from '@zhengyin/gm';
import type { SesCheck, SesSeal } from '@zhengyin/gm';
import type { Check } from '../checks.js';

export interface SealInfo {
  readonly esId: string;
  readonly name: string;
  readonly type: number;
  readonly validStart: Date | null;
  readonly validEnd: Date | null;
}

export interface SealCheckResult {
  readonly check: Check;
  readonly info: SealInfo | null;
}

const DIGESTS: Record<string, (d: Uint8Array) => Uint8Array> = {
  sm3: (d) => sm3(d),
  '1.2.156.10197.1.401': (d) => sm3(d),
  sha1: (d) => new Uint8Array(createHash('sha1').update(d).digest()),
  '1.3.14.3.2.26': (d) => new Uint8Array(createHash('sha1').update(d).digest()),
  sha256: (d) => new Uint8Array(createHash('sha256').update(d).digest()),
  '2.16.840.1.101.3.4.2.1': (d) => new Uint8Array(createHash('sha256').update(d).digest()),
};

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(b);

/** 'listed' | 'not-listed' | a reason the list cannot be used. */
function inCertList(seal: SesSeal, cert: Uint8Array): 'listed' | 'not-listed' | string {
  const list = seal.sealInfo.property.certList;
  if (list.kind === 'unrecognised') return `certificate list unusable: ${list.reason}`;
  if (list.kind === 'certificates')
    return list.certificates.some((c) => same(c, cert)) ? 'listed' : 'not-listed';
  let unsupported = '';
  for (const d of list.digests) {
    const fn = DIGESTS[d.type.trim().toLowerCase().replace('-', '')];
    if (!fn) unsupported = d.type;
    else if (same(fn(cert), d.value)) return 'listed';
  }
  return unsupported ? `digest type ${unsupported} is not supported` : 'not-listed';
}

const result = (
  status: Check['status'],
  code: string,
  message: string,
  details?: Record<string, unknown>,
  info: SealInfo | null = null,
): SealCheckResult => ({
  check: details ? { name: 'SEAL', status, code, message, details } : { name: 'SEAL', status, code, message },
  info,
});

export function sealCheck(
  sealCode: string | null,
  sesSeal: Uint8Array | null,
  signerCertificate: Uint8Array | undefined,
  at: Date | null,
): SealCheckResult {
  if (sealCode === null && sesSeal === null) {
    return result('SKIPPED', 'PDF_NO_SEAL', 'the signature names no electronic seal');
  }
  if (sesSeal === null) {
    return result('SKIPPED', 'PDF_SEAL_NOT_EMBEDDED', `seal ${sealCode ?? ''} named, SESeal not embedded`, {
      sealCode,
    });
  }
  let seal: SesSeal;
  try {
    seal = decodeSeal(sesSeal);
  } catch (error) {
    if (!(error instanceof GmError)) throw error;
    return result('INVALID', 'PDF_SEAL_MALFORMED', `the embedded SESeal does not decode: ${error.message}`, {
      cause: error.code,
    });
  }
  const property = seal.sealInfo.property;
  const info: SealInfo = {
    esId: seal.sealInfo.esId,
    name: property.name,
    type: property.type,
    validStart: property.validStart.date ?? null,
    validEnd: property.validEnd.date ?? null,
  };
  const sesChecks: SesCheck[] = verifySeal(seal, at ? { at } : {});
  const details: Record<string, unknown> = {
    sealCode: info.esId,
    name: info.name,
    type: info.type,
    validStart: info.validStart?.toISOString() ?? null,
    validEnd: info.validEnd?.toISOString() ?? null,
    sealChecks: sesChecks,
  };
  if (sealCode !== null && sealCode !== info.esId) {
    return result(
      'INVALID',
      'PDF_SEAL_CODE_MISMATCH',
      `/ZY_SealCode ${sealCode} ≠ SESeal ${info.esId}`,
      details,
      info,
    );
  }
  const bad = sesChecks.find((c) => c.status === 'INVALID');
  if (bad) return result('INVALID', 'PDF_SEAL_INVALID', `the SESeal is invalid: ${bad.code}`, details, info);
  const err = sesChecks.find((c) => c.status === 'ERROR');
  if (err)
    return result(
      'ERROR',
      'PDF_SEAL_UNVERIFIABLE',
      `the SESeal cannot be verified: ${err.code}`,
      details,
      info,
    );
  if (!signerCertificate) {
    return result(
      'ERROR',
      'PDF_SEAL_UNVERIFIABLE',
      'no signer certificate to compare with the seal',
      details,
      info,
    );
  }
  const listed = inCertList(seal, signerCertificate);
  if (listed === 'not-listed') {
    return result(
      'INVALID',
      'PDF_SEAL_SIGNER_NOT_LISTED',
      'the signer certificate is not in the seal',
      details,
      info,
    );
  }
  if (listed !== 'listed') return result('ERROR', 'PDF_SEAL_UNVERIFIABLE', listed, details, info);
  return result('VALID', 'PDF_SEAL_VALID', `seal ${info.name} (${info.esId})`, details, info);
}
