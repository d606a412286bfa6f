import { createHash, createPublicKey } from 'node:crypto';
import { GmError } from '../errors.js';
import { OID } from '../pki/asn1/oids.js';
import { parsePrivateKeyInfo } from '../pki/keys/private-key-info.js';
import { parsePublicKeyInfo } from '../pki/x509/public-key.js';
import type { PublicKeyAlgorithm } from '../pki/x509/public-key.js';
import { sm2PrivateKeyFromPkcs8, sm2PublicKeyToSpki } from '../sm2/encoding.js';
import { sm2Sign, sm2Verify } from '../sm2/index.js';
import { ecdsaP256Sign, ecdsaP256Verify } from './ecdsa.js';
import { loadPrivateKey } from './node-keys.js';
import { rsaSign, rsaVerify } from './rsa.js';

/**
 * The explicit list of signature algorithms the PKI code signs and verifies with, one entry per
 * algorithm. Certificates, CRLs, CSRs, CMS and timestamps look algorithms up here and nowhere else.
 */

export type SignatureAlgorithmName = 'SM2-SM3' | 'ECDSA-SHA256' | 'RSA-SHA256';
export type DigestName = 'sm3' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** Signs `data` (the whole to-be-signed bytes, not a digest) and returns the signature value. */
export type SignFunction = (data: Uint8Array) => Promise<Uint8Array>;

export interface SignatureAlgorithm {
  readonly name: SignatureAlgorithmName;
  /** OID written in X.509 / CRL / CSR AlgorithmIdentifiers. */
  readonly oid: string;
  /** Whether that AlgorithmIdentifier carries NULL parameters (otherwise they are absent). */
  readonly nullParameters: boolean;
  readonly keyAlgorithm: Extract<PublicKeyAlgorithm, 'SM2' | 'EC-P256' | 'RSA'>;
  readonly digest: DigestName;
  /**
   * Signs with a software key: PKCS#8 DER for every algorithm; SM2 also takes the raw 32-byte
   * scalar. SM2 uses the default user ID 1234567812345678.
   */
  sign(privateKey: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
  /** Verifies with a DER SubjectPublicKeyInfo; false for any signature that does not verify. */
  verify(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean;
}

const DIGEST_OIDS: Record<DigestName, string> = {
  sm3: OID.sm3,
  sha1: OID.sha1,
  sha256: OID.sha256,
  sha384: OID.sha384,
  sha512: OID.sha512,
};

export const digestOid = (digest: DigestName): string => DIGEST_OIDS[digest];

export function digestByOid(oid: string): DigestName | undefined {
  return (Object.keys(DIGEST_OIDS) as DigestName[]).find((name) => DIGEST_OIDS[name] === oid);
}

export function digest(name: DigestName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(name).update(data).digest());
}

// A signature that cannot be checked with this key (wrong type, unreadable) simply does not verify.
function quietly(verify: () => boolean): boolean {
  try {
    return verify();
  } catch {
    return false;
  }
}

function keyIs(spki: Uint8Array, algorithm: PublicKeyAlgorithm): boolean {
  return quietly(() => parsePublicKeyInfo(spki).algorithm === algorithm);
}

const SM2_SM3: SignatureAlgorithm = {
  name: 'SM2-SM3',
  oid: OID.sm2WithSm3,
  nullParameters: true,
  keyAlgorithm: 'SM2',
  digest: 'sm3',
  async sign(privateKey, data) {
    const scalar = privateKey.length === 32 ? privateKey : sm2PrivateKeyFromPkcs8(privateKey).privateKey;
    return sm2Sign(scalar, data);
  },
  verify: (spki, data, signature) =>
    quietly(() => {
      const info = parsePublicKeyInfo(spki);
      return info.algorithm === 'SM2' && sm2Verify(info.publicKey, data, signature);
    }),
};

const ECDSA_SHA256: SignatureAlgorithm = {
  name: 'ECDSA-SHA256',
  oid: OID.ecdsaWithSha256,
  nullParameters: false,
  keyAlgorithm: 'EC-P256',
  digest: 'sha256',
  sign: async (privateKey, data) => ecdsaP256Sign(privateKey, data),
  verify: (spki, data, signature) =>
    keyIs(spki, 'EC-P256') && quietly(() => ecdsaP256Verify(spki, data, signature)),
};

const RSA_SHA256: SignatureAlgorithm = {
  name: 'RSA-SHA256',
  oid: OID.sha256WithRsa,
  nullParameters: true,
  keyAlgorithm: 'RSA',
  digest: 'sha256',
  sign: async (privateKey, data) => rsaSign(privateKey, data),
  verify: (spki, data, signature) => keyIs(spki, 'RSA') && quietly(() => rsaVerify(spki, data, signature)),
};

export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = Object.freeze([
  SM2_SM3,
  ECDSA_SHA256,
  RSA_SHA256,
]);

export function signatureAlgorithmByName(name: SignatureAlgorithmName): SignatureAlgorithm {
  const found = SIGNATURE_ALGORITHMS.find((a) => a.name === name);
  if (!found) throw new GmError('GM_ALGORITHM_UNSUPPORTED', `unknown signature algorithm ${String(name)}`);
  return found;
}

/** Also accepts sm2-1 (1.2.156.10197.1.301.1), the GM/T 0010 SignerInfo form of SM2-with-SM3. */
export function signatureAlgorithmByOid(oid: string): SignatureAlgorithm | undefined {
  if (oid === OID.sm2Sign) return SM2_SM3;
  return SIGNATURE_ALGORITHMS.find((a) => a.oid === oid);
}

/** The algorithm a key of this SubjectPublicKeyInfo signs with. */
export function signatureAlgorithmForKey(spki: Uint8Array): SignatureAlgorithm {
  const info = parsePublicKeyInfo(spki);
  const found = SIGNATURE_ALGORITHMS.find((a) => a.keyAlgorithm === info.algorithm);
  if (!found) {
    throw new GmError('GM_ALGORITHM_UNSUPPORTED', `no signature algorithm for ${info.algorithm} keys`, {
      algorithm: info.algorithmOid,
      curve: info.curveOid,
    });
  }
  return found;
}

export interface SoftwareKey {
  readonly algorithm: SignatureAlgorithm;
  /** DER SubjectPublicKeyInfo of the key. */
  readonly publicKey: Uint8Array;
  readonly sign: SignFunction;
}

/**
 * Wraps a software private key (PKCS#8 DER) as a signer. Keys that live in a vault or HSM
 * implement SignFunction themselves.
 */
export function createSoftwareKey(pkcs8: Uint8Array): SoftwareKey {
  let publicKey: Uint8Array;
  let algorithm: SignatureAlgorithm;
  // SM2 PKCS#8 keys must never reach node:crypto signing (STANDARDS §14.5).
  if (parsePrivateKeyInfo(pkcs8).algorithm === 'SM2') {
    const pair = sm2PrivateKeyFromPkcs8(pkcs8);
    publicKey = sm2PublicKeyToSpki(pair.publicKey);
    algorithm = SM2_SM3;
  } else {
    publicKey = new Uint8Array(
      createPublicKey(loadPrivateKey(pkcs8)).export({ type: 'spki', format: 'der' }),
    );
    algorithm = signatureAlgorithmForKey(publicKey);
  }
  const keyBytes = new Uint8Array(pkcs8);
  return { algorithm, publicKey, sign: (data) => algorithm.sign(keyBytes, data) };
}
