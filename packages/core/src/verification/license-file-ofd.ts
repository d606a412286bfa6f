import type { Check, OfdSignatureReport, OfdVerification } from '@zhengyin/documents';
import { DocumentError, readSignedOfdMetadata } from '@zhengyin/documents';
import type { License } from '../licensing/types.js';
import { bytesToHex } from '../shared/hex.js';
import { claimFrom, metadataUnreadable, type ClaimResult } from './license-file.js';

/**
 * Reads the licence a sealed OFD file claims, from what its first (issuer) signature protects:
 * OFD.xml CustomDatas (GB/T 36903 keys, as the PDF's XMP) and the JSON attachment — never from
 * parts only a later signature, or none, covers.
 */
export function readOfdLicenseClaim(
  ofd: Uint8Array,
  signatures: readonly OfdSignatureReport[],
  maxBytes?: number,
): ClaimResult {
  const issuer = signatures[0];
  if (!issuer || issuer.references.length === 0) {
    return {
      kind: 'none',
      check: {
        name: 'LICENSE_REGISTERED',
        status: 'SKIPPED',
        code: 'LICENSE_NO_SIGNED_REVISION',
        message: '文件没有可读取证照信息的签名 / no signature protects licence metadata to read',
      },
    };
  }
  let meta;
  try {
    meta = readSignedOfdMetadata(ofd, issuer.references, maxBytes ? { maxBytes } : {});
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    return metadataUnreadable(e);
  }
  return claimFrom(meta.customData ?? {}, meta.attachment?.json ?? null, ofd.length);
}

/** The checks of the issuer's signature that prove the signed content is what it signed. */
const INTEGRITY_CHECKS = ['REFERENCES', 'DATA_HASH', 'SIGNATURE'];

/**
 * LICENSE_FILE_MATCHES for an OFD licence: the registry keeps the SHA-256 of the issuing
 * signature's SignedValue.dat. Its dataHash binds Signature.xml, whose CheckValues bind every part
 * the issuer protected, so the file matches when that signature value is the registry's and still
 * verifies over the file — whatever annotation seals (加注件) were added after it.
 */
export function ofdFileMatchCheck(
  issuer: OfdSignatureReport | undefined,
  row: Pick<License, 'ofdSignedValueSha256'>,
  sha256: (bytes: Uint8Array) => Uint8Array,
): Check {
  const name = 'LICENSE_FILE_MATCHES';
  if (!row.ofdSignedValueSha256) {
    return {
      name,
      status: 'INVALID',
      code: 'LICENSE_FILE_MISMATCH',
      message: '证照库中没有此证照的 OFD 文件 / the registry issued no OFD file for this licence',
    };
  }
  const digest = issuer?.signedValue ? bytesToHex(sha256(issuer.signedValue)) : null;
  if (digest !== row.ofdSignedValueSha256) {
    return {
      name,
      status: 'INVALID',
      code: 'LICENSE_FILE_MISMATCH',
      message:
        '签发签名与证照库存档不一致（非本平台签发的文件） / the issuing signature differs from the one the registry stores',
      details: { signedValueSha256: digest, expected: row.ofdSignedValueSha256 },
    };
  }
  const failed = (issuer?.checks ?? []).filter(
    (c) => INTEGRITY_CHECKS.includes(c.name) && c.status !== 'VALID',
  );
  if (failed.length > 0) {
    return {
      name,
      status: 'INVALID',
      code: 'LICENSE_FILE_MISMATCH',
      message:
        '签发签名与存档一致，但签名保护的内容已被修改 / the issuing signature is the registry’s, but the content it protects was changed',
      details: { signedValueSha256: digest, failed: failed.map((c) => c.code) },
    };
  }
  return {
    name,
    status: 'VALID',
    code: 'LICENSE_FILE_MATCHES',
    message:
      '签发签名与证照库存档一致，签名内容未被修改 / the issuing signature is the one the registry stores and verifies',
    details: { signedValueSha256: digest },
  };
}

/**
 * ANNOTATION_ORIGINAL for OFD: the issuer's signature still verifies over everything it protected
 * (REFERENCES, DATA_HASH, SIGNATURE), no content is unsigned, and the annotation signature protects
 * nothing beyond the issuer's parts except annotation files and signature files.
 */
export function ofdOriginalCheck(report: Pick<OfdVerification, 'checks' | 'parts'>) {
  const allowed = new Set([...report.parts.signatures, ...report.parts.annotations]);
  const coverage = report.checks.find((c) => c.name === 'COVERAGE');
  return (issuer: OfdSignatureReport, annotation: OfdSignatureReport): Check => {
    const failed = issuer.checks.filter((c) => INTEGRITY_CHECKS.includes(c.name) && c.status !== 'VALID');
    const issuerParts = new Set(issuer.references);
    const added = annotation.references.filter((p) => !issuerParts.has(p) && !allowed.has(p));
    if (failed.length === 0 && added.length === 0 && coverage?.status === 'VALID') {
      return {
        name: 'ANNOTATION_ORIGINAL',
        status: 'VALID',
        code: 'ANNOTATION_ORIGINAL_INTACT',
        message:
          '原件签名保护的内容未变，加注签名仅增加了注释 / the issuer’s signed content is unchanged; the annotation seal only added annotations',
      };
    }
    return {
      name: 'ANNOTATION_ORIGINAL',
      status: 'INVALID',
      code: 'ANNOTATION_ORIGINAL_MODIFIED',
      message: '原件在加注时被修改 / the original was changed, not only annotated',
      details: {
        issuerFailed: failed.map((c) => c.code),
        addedBeyondAnnotation: added.slice(0, 20),
        coverage: coverage?.code ?? null,
      },
    };
  };
}
