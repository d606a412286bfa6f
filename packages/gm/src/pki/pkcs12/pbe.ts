import * as asn1js from 'asn1js';
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { GmError } from '../../errors.js';
import { OID } from '../asn1/oids.js';
import { bmpPassword, pkcs12Kdf, PKCS12_KDF_IV, PKCS12_KDF_KEY } from './kdf.js';
import type { Pkcs12Hash } from './kdf.js';
import { rc2CbcDecrypt } from './rc2.js';

/** Password-based decryption of PKCS#12 bags and encrypted PKCS#8 keys. */

export interface PbeOptions {
  /** Highest accepted iteration count, a guard against hostile files (default 1,000,000). */
  readonly maxIterations?: number;
}

export const DEFAULT_MAX_ITERATIONS = 1_000_000;

/** Human-readable name of the scheme, e.g. `PBES2/PBKDF2-hmacWithSHA256/AES-256-CBC`. */
export type PbeDescription = string;

const malformed = (message: string): never => {
  throw new GmError('GM_PKCS12_MALFORMED', message);
};
const unsupported = (message: string, details?: Record<string, unknown>): never => {
  throw new GmError('GM_PKCS12_UNSUPPORTED', message, details);
};

function octets(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.OctetString)) return malformed(`${what} is not an OCTET STRING`);
  return octetStringBytes(node);
}

/** Contents of a primitive or (BER) constructed OCTET STRING. */
export function octetStringBytes(node: asn1js.OctetString): Uint8Array {
  if (!node.idBlock.isConstructed) return new Uint8Array(node.valueBlock.valueHexView);
  const parts = node.valueBlock.value.map((part) =>
    part instanceof asn1js.OctetString ? octetStringBytes(part) : malformed('bad constructed OCTET STRING'),
  );
  return new Uint8Array(Buffer.concat(parts));
}

function integer(node: asn1js.AsnType | undefined, what: string): number {
  if (!(node instanceof asn1js.Integer)) return malformed(`${what} is not an INTEGER`);
  const n = node.valueBlock.valueDec;
  if (!Number.isSafeInteger(n) || n < 1) return malformed(`${what} out of range`);
  return n;
}

function checkIterations(n: number, options: PbeOptions): void {
  const max = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (n > max) unsupported(`iteration count ${n} exceeds the limit ${max}`, { iterations: n, max });
}

function algorithm(node: asn1js.AsnType | undefined, what: string): { oid: string; params?: asn1js.AsnType } {
  if (!(node instanceof asn1js.Sequence)) return malformed(`${what} is not an AlgorithmIdentifier`);
  const [oid, params] = node.valueBlock.value;
  if (!(oid instanceof asn1js.ObjectIdentifier)) return malformed(`${what} has no OID`);
  return { oid: oid.valueBlock.toString(), ...(params ? { params } : {}) };
}

function nodeDecrypt(cipher: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(cipher, key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    throw new GmError('GM_DECRYPT_FAILED', 'decryption failed (wrong password or corrupted data)');
  }
}

const PKCS12_PBE: Record<string, { cipher: 'des-ede3-cbc' | 'rc2'; keyLength: number; name: string }> = {
  [OID.pbeWithShaAnd3KeyTripleDesCbc]: { cipher: 'des-ede3-cbc', keyLength: 24, name: 'PBE-SHA1-3DES' },
  [OID.pbeWithShaAnd2KeyTripleDesCbc]: { cipher: 'des-ede3-cbc', keyLength: 16, name: 'PBE-SHA1-2DES' },
  [OID.pbeWithShaAnd40BitRc2Cbc]: { cipher: 'rc2', keyLength: 5, name: 'PBE-SHA1-RC2-40' },
  [OID.pbeWithShaAnd128BitRc2Cbc]: { cipher: 'rc2', keyLength: 16, name: 'PBE-SHA1-RC2-128' },
};

const PRF: Record<string, 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512'> = {
  [OID.hmacWithSha1]: 'sha1',
  [OID.hmacWithSha224]: 'sha224',
  [OID.hmacWithSha256]: 'sha256',
  [OID.hmacWithSha384]: 'sha384',
  [OID.hmacWithSha512]: 'sha512',
};

const PBES2_CIPHERS: Record<string, { cipher: string; keyLength: number; name: string }> = {
  [OID.aes128Cbc]: { cipher: 'aes-128-cbc', keyLength: 16, name: 'AES-128-CBC' },
  [OID.aes192Cbc]: { cipher: 'aes-192-cbc', keyLength: 24, name: 'AES-192-CBC' },
  [OID.aes256Cbc]: { cipher: 'aes-256-cbc', keyLength: 32, name: 'AES-256-CBC' },
  [OID.desEde3Cbc]: { cipher: 'des-ede3-cbc', keyLength: 24, name: 'DES-EDE3-CBC' },
  [OID.sm4Cbc]: { cipher: 'sm4-cbc', keyLength: 16, name: 'SM4-CBC' },
};

/**
 * Decrypts `data` under the password-based scheme named by `algorithmId` (an AlgorithmIdentifier
 * node): PBES2 (PBKDF2 + AES / 3DES / SM4-CBC) or the PKCS#12 PBEs (3DES, RC2-40, RC2-128).
 * The password is UTF-8 for PBES2 and BMPString for the PKCS#12 schemes, as OpenSSL does.
 */
export function pbeDecrypt(
  algorithmId: asn1js.AsnType | undefined,
  data: Uint8Array,
  password: string,
  options: PbeOptions = {},
): { plaintext: Uint8Array; scheme: PbeDescription } {
  const { oid, params } = algorithm(algorithmId, 'encryption algorithm');
  const legacy = PKCS12_PBE[oid];
  if (legacy) {
    if (!(params instanceof asn1js.Sequence)) return malformed('PBE parameters missing');
    const [saltNode, iterNode] = params.valueBlock.value;
    const salt = octets(saltNode, 'PBE salt');
    const iterations = integer(iterNode, 'PBE iterations');
    checkIterations(iterations, options);
    const attempt = (pass: Uint8Array) => {
      const key = pkcs12Kdf('sha1', pass, salt, PKCS12_KDF_KEY, iterations, legacy.keyLength);
      const iv = pkcs12Kdf('sha1', pass, salt, PKCS12_KDF_IV, iterations, 8);
      if (legacy.cipher === 'rc2') return rc2CbcDecrypt(key, key.length * 8, iv, data);
      const full = key.length === 16 ? new Uint8Array([...key, ...key.subarray(0, 8)]) : key;
      return nodeDecrypt('des-ede3-cbc', full, iv, data);
    };
    return { plaintext: withEmptyPasswordFallback(password, attempt), scheme: legacy.name };
  }
  if (oid === OID.pbes2) {
    if (!(params instanceof asn1js.Sequence)) return malformed('PBES2 parameters missing');
    const [kdfNode, encNode] = params.valueBlock.value;
    const kdf = algorithm(kdfNode, 'PBES2 key derivation');
    if (kdf.oid !== OID.pbkdf2)
      unsupported(`PBES2 key derivation ${kdf.oid} is not supported`, { oid: kdf.oid });
    if (!(kdf.params instanceof asn1js.Sequence)) return malformed('PBKDF2 parameters missing');
    const [saltNode, iterNode, ...rest] = kdf.params.valueBlock.value;
    const salt = octets(saltNode, 'PBKDF2 salt');
    const iterations = integer(iterNode, 'PBKDF2 iterations');
    checkIterations(iterations, options);
    let keyLength: number | undefined;
    let prf: (typeof PRF)[string] = 'sha1';
    for (const item of rest) {
      if (item instanceof asn1js.Integer) keyLength = integer(item, 'PBKDF2 key length');
      else {
        const prfAlg = algorithm(item, 'PBKDF2 PRF');
        const found = PRF[prfAlg.oid];
        if (!found) return unsupported(`PBKDF2 PRF ${prfAlg.oid} is not supported`, { oid: prfAlg.oid });
        prf = found;
      }
    }
    const enc = algorithm(encNode, 'PBES2 encryption scheme');
    const cipher = PBES2_CIPHERS[enc.oid];
    if (!cipher) return unsupported(`PBES2 cipher ${enc.oid} is not supported`, { oid: enc.oid });
    if (keyLength !== undefined && keyLength !== cipher.keyLength)
      return malformed('PBKDF2 key length does not fit the cipher');
    const iv = octets(enc.params, 'cipher IV');
    if (iv.length !== (cipher.cipher === 'des-ede3-cbc' ? 8 : 16)) return malformed('bad cipher IV length');
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    return {
      plaintext: nodeDecrypt(cipher.cipher, key, iv, data),
      scheme: `PBES2/PBKDF2-${prf}/${cipher.name}`,
    };
  }
  return unsupported(`encryption scheme ${oid} is not supported`, { oid });
}

/**
 * An empty password may have been applied as the BMPString "\0\0" or as no bytes at all,
 * depending on the producing software; try both.
 */
export function withEmptyPasswordFallback<T>(password: string, attempt: (pass: Uint8Array) => T): T {
  try {
    return attempt(bmpPassword(password));
  } catch (error) {
    if (password !== '') throw error;
    return attempt(new Uint8Array(0));
  }
}

export const PKCS12_MAC_HASHES: Record<string, Pkcs12Hash> = {
  [OID.sha1]: 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
  [OID.sm3]: 'sm3',
};
