import * as asn1js from 'asn1js';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { GmError } from '../../errors.js';
import { sm2PrivateKeyFromPkcs8, sm2PublicKeyToSpki } from '../../sm2/encoding.js';
import { decodeAsn1 } from '../asn1/decode.js';
import { decodePemBlocks } from '../pem.js';
import type { PemDecodeOptions } from '../pem.js';
import { pbeDecrypt } from '../pkcs12/pbe.js';
import type { PbeOptions } from '../pkcs12/pbe.js';
import { octetStringBytes } from '../pkcs12/pbe.js';
import { parseCertificate } from '../x509/certificate.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { parseCrl } from '../x509/crl.js';
import type { ParsedCrl } from '../x509/crl.js';
import { namesMatch } from '../x509/name.js';
import type { PublicKeyAlgorithm } from '../x509/public-key.js';
import { parsePrivateKeyInfo, pkcs1ToPkcs8, sec1ToPkcs8 } from './private-key-info.js';

export interface ImportedPrivateKey {
  /** PKCS#8 PrivateKeyInfo DER (converted from SEC1 / PKCS#1 / encrypted PKCS#8 as needed). */
  readonly pkcs8: Uint8Array;
  readonly algorithm: PublicKeyAlgorithm;
  /** DER SubjectPublicKeyInfo of the matching public key, when it could be derived. */
  readonly publicKey?: Uint8Array;
}

/** SubjectPublicKeyInfo of the public half of a PKCS#8 key; undefined when unknown. */
export function privateKeySpki(pkcs8: Uint8Array): Uint8Array | undefined {
  try {
    if (parsePrivateKeyInfo(pkcs8).algorithm === 'SM2') {
      return sm2PublicKeyToSpki(sm2PrivateKeyFromPkcs8(pkcs8).publicKey);
    }
    const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    return new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  } catch {
    return undefined;
  }
}

/** Decrypts a DER EncryptedPrivateKeyInfo (PBES2 or PKCS#12 PBE) to PKCS#8. */
export function decryptPrivateKeyInfo(
  der: Uint8Array,
  password: string,
  options: PbeOptions = {},
): Uint8Array {
  const root = decodeAsn1(der, 'EncryptedPrivateKeyInfo', { maxBytes: 64 * 1024, maxDepth: 12 });
  if (!(root instanceof asn1js.Sequence))
    throw new GmError('GM_KEY_MALFORMED', 'EncryptedPrivateKeyInfo is not a SEQUENCE');
  const [alg, data] = root.valueBlock.value;
  if (!(data instanceof asn1js.OctetString))
    throw new GmError('GM_KEY_MALFORMED', 'bad EncryptedPrivateKeyInfo');
  let plaintext: Uint8Array;
  try {
    plaintext = pbeDecrypt(alg, octetStringBytes(data), password, options).plaintext;
  } catch (error) {
    if (error instanceof GmError && error.code === 'GM_DECRYPT_FAILED') {
      throw new GmError('GM_KEY_BAD_PASSWORD', 'the private key does not decrypt: wrong password?');
    }
    throw error;
  }
  try {
    parsePrivateKeyInfo(plaintext);
  } catch {
    throw new GmError('GM_KEY_BAD_PASSWORD', 'the decrypted key is not PKCS#8: wrong password?');
  }
  return plaintext;
}

export interface PemBundle {
  /** Certificates in file order. */
  readonly certificates: readonly ParsedCertificate[];
  readonly privateKeys: readonly ImportedPrivateKey[];
  readonly crls: readonly ParsedCrl[];
  /** Labels of blocks that were skipped (e.g. PARAMETERS). */
  readonly ignored: readonly string[];
}

export interface ImportPemOptions extends PemDecodeOptions, PbeOptions {
  /** Password for ENCRYPTED PRIVATE KEY blocks. */
  readonly password?: string;
}

function importedKey(pkcs8: Uint8Array): ImportedPrivateKey {
  const info = parsePrivateKeyInfo(pkcs8);
  const publicKey = privateKeySpki(pkcs8);
  return { pkcs8, algorithm: info.algorithm, ...(publicKey ? { publicKey } : {}) };
}

/**
 * Reads every certificate, private key and CRL of a PEM file (chain files, key + certificate
 * bundles). Keys come out as PKCS#8 whatever their PEM form.
 */
export function importPem(text: string, options: ImportPemOptions = {}): PemBundle {
  const certificates: ParsedCertificate[] = [];
  const privateKeys: ImportedPrivateKey[] = [];
  const crls: ParsedCrl[] = [];
  const ignored: string[] = [];
  for (const block of decodePemBlocks(text, options)) {
    switch (block.label) {
      case 'CERTIFICATE':
      case 'X509 CERTIFICATE':
        certificates.push(parseCertificate(block.der));
        break;
      case 'X509 CRL':
        crls.push(parseCrl(block.der));
        break;
      case 'PRIVATE KEY':
        privateKeys.push(importedKey(block.der));
        break;
      case 'EC PRIVATE KEY':
      case 'SM2 PRIVATE KEY':
        privateKeys.push(importedKey(sec1ToPkcs8(block.der)));
        break;
      case 'RSA PRIVATE KEY':
        privateKeys.push(importedKey(pkcs1ToPkcs8(block.der)));
        break;
      case 'ENCRYPTED PRIVATE KEY':
        if (options.password === undefined) {
          throw new GmError('GM_KEY_PASSWORD_REQUIRED', 'an ENCRYPTED PRIVATE KEY needs a password');
        }
        privateKeys.push(importedKey(decryptPrivateKeyInfo(block.der, options.password, options)));
        break;
      default:
        ignored.push(block.label);
    }
  }
  return { certificates, privateKeys, crls, ignored };
}

/**
 * Orders certificates as a chain from the end entity towards the root by issuer names; the
 * end entity is the one that issued none of the others. Unlinked certificates follow in input order.
 */
export function orderCertificateChain(certs: readonly ParsedCertificate[]): ParsedCertificate[] {
  const remaining = [...certs];
  const issuedSomething = (c: ParsedCertificate) =>
    remaining.some((o) => o !== c && !o.selfIssued && namesMatch(o.issuer, c.subject));
  const start = remaining.find((c) => !issuedSomething(c)) ?? remaining[0];
  if (!start) return [];
  const chain = [start];
  remaining.splice(remaining.indexOf(start), 1);
  for (;;) {
    const last = chain[chain.length - 1] as ParsedCertificate;
    if (last.selfIssued) break;
    const next = remaining.find((c) => namesMatch(c.subject, last.issuer));
    if (!next) break;
    chain.push(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return [...chain, ...remaining];
}
