import { signatureAlgorithmForKey } from '../../algorithms/registry.js';
import type { DigestName, SignatureAlgorithm } from '../../algorithms/registry.js';
import { digestByOid } from '../../algorithms/registry.js';
import { OID } from '../asn1/oids.js';
import { encodeAlgorithmIdentifier } from '../x509/algorithm-identifier.js';
import type { AlgorithmInfo } from '../x509/algorithm-identifier.js';
import type { PublicKeyInfo } from '../x509/public-key.js';
import type { CmsProfile } from './signed-data.js';

/** How each registry algorithm appears inside a CMS SignerInfo. */

/** SignerInfo signatureAlgorithm OIDs accepted on verification, per key type. */
const ACCEPTED: Record<SignatureAlgorithm['keyAlgorithm'], readonly string[]> = {
  SM2: [OID.sm2WithSm3, OID.sm2Sign, OID.sm2Curve],
  'EC-P256': [OID.ecdsaWithSha256, OID.ecPublicKey],
  RSA: [OID.rsaEncryption, OID.sha256WithRsa],
};

export function cmsDigestAlgorithmId(digest: DigestName): Uint8Array {
  return encodeAlgorithmIdentifier(digestOidFor(digest));
}

function digestOidFor(digest: DigestName): string {
  return { sm3: OID.sm3, sha1: OID.sha1, sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512 }[digest];
}

/** SignerInfo signatureAlgorithm written for a key: GM/T 0010 uses sm2-1 for SM2, RFC mode SM2-with-SM3. */
export function cmsSignatureAlgorithmId(algorithm: SignatureAlgorithm, profile: CmsProfile): Uint8Array {
  switch (algorithm.keyAlgorithm) {
    case 'SM2':
      return profile === 'gmt0010'
        ? encodeAlgorithmIdentifier(OID.sm2Sign)
        : encodeAlgorithmIdentifier(OID.sm2WithSm3, true);
    case 'EC-P256':
      return encodeAlgorithmIdentifier(OID.ecdsaWithSha256);
    case 'RSA':
      return encodeAlgorithmIdentifier(OID.rsaEncryption, true);
  }
}

export type CmsAlgorithmProblem =
  'KEY_UNSUPPORTED' | 'SIGNATURE_ALGORITHM_MISMATCH' | 'DIGEST_ALGORITHM_MISMATCH';

/**
 * The registry algorithm that verifies a SignerInfo made with `key`, or why none does. The
 * digest must be the one the registry algorithm hashes with (SM3 for SM2, SHA-256 otherwise).
 */
export function cmsAlgorithmFor(
  key: PublicKeyInfo,
  signatureAlgorithm: AlgorithmInfo,
  digestAlgorithm: AlgorithmInfo,
): SignatureAlgorithm | CmsAlgorithmProblem {
  let algorithm: SignatureAlgorithm;
  try {
    algorithm = signatureAlgorithmForKey(key.spki);
  } catch {
    return 'KEY_UNSUPPORTED';
  }
  if (!ACCEPTED[algorithm.keyAlgorithm].includes(signatureAlgorithm.oid))
    return 'SIGNATURE_ALGORITHM_MISMATCH';
  if (digestByOid(digestAlgorithm.oid) !== algorithm.digest) return 'DIGEST_ALGORITHM_MISMATCH';
  return algorithm;
}
