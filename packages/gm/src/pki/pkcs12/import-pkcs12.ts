import * as asn1js from 'asn1js';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GmError } from '../../errors.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { bytesEqual, originalBytes, toHex } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { parsePrivateKeyInfo } from '../keys/private-key-info.js';
import { privateKeySpki } from '../keys/import-keys.js';
import type { PublicKeyAlgorithm } from '../x509/public-key.js';
import { parseCertificate } from '../x509/certificate.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { pkcs12Kdf, PKCS12_KDF_MAC } from './kdf.js';
import { octetStringBytes, pbeDecrypt, PKCS12_MAC_HASHES, withEmptyPasswordFallback } from './pbe.js';
import type { PbeOptions } from './pbe.js';

export interface Pkcs12Key {
  /** Decrypted PKCS#8 PrivateKeyInfo DER. */
  readonly pkcs8: Uint8Array;
  readonly algorithm: PublicKeyAlgorithm;
  readonly friendlyName?: string;
  readonly localKeyIdHex?: string;
  /** The certificate for this key, matched by localKeyId or by public key. */
  readonly certificate?: ParsedCertificate;
}

export interface Pkcs12Certificate {
  readonly certificate: ParsedCertificate;
  readonly friendlyName?: string;
  readonly localKeyIdHex?: string;
}

export interface Pkcs12Contents {
  readonly keys: readonly Pkcs12Key[];
  readonly certificates: readonly Pkcs12Certificate[];
  /** 'MAC' when an integrity MAC was present and verified; 'NONE' for files made without one. */
  readonly integrity: 'MAC' | 'NONE';
  readonly macHash?: string;
  /** Encryption schemes met, e.g. ['PBES2/PBKDF2-sha256/AES-256-CBC']. */
  readonly schemes: readonly string[];
}

export interface ImportPkcs12Options extends PbeOptions {
  readonly limits?: Partial<DecodeLimits>;
}

export const PKCS12_LIMITS: DecodeLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 24, maxElements: 100_000 };

const CODE = 'GM_PKCS12_MALFORMED';
const malformed = (message: string): never => {
  throw new GmError(CODE, `PKCS#12: ${message}`);
};

const MAX_NESTING = 4;

interface Bag {
  readonly kind: 'key' | 'cert';
  readonly der: Uint8Array;
  readonly friendlyName?: string;
  readonly localKeyIdHex?: string;
}

/**
 * Imports a PKCS#12 (.p12 / .pfx) file protected by `password`: verifies the MAC, decrypts
 * PBES2 (AES / 3DES / SM4) and legacy PKCS#12 PBE (3DES, RC2-40, RC2-128) contents and returns
 * keys and certificates. Wrong passwords give GM_PKCS12_BAD_PASSWORD; malformed files GM_PKCS12_*
 * or GM_ASN1_* errors.
 */
export function importPkcs12(
  bytes: Uint8Array,
  password: string,
  options: ImportPkcs12Options = {},
): Pkcs12Contents {
  const limits = { ...PKCS12_LIMITS, ...options.limits };
  const root = decodeAsn1(bytes, 'PKCS#12', limits);
  return fromSchemaOrThrow(CODE, 'PKCS#12', () => {
    if (!(root instanceof asn1js.Sequence)) return malformed('PFX is not a SEQUENCE');
    const [version, authSafe, macData, ...rest] = root.valueBlock.value;
    if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 3)
      return malformed('PFX version must be 3');
    if (rest.length) return malformed('trailing PFX elements');
    const { type, content } = contentInfo(authSafe);
    if (type !== OID.data) {
      throw new GmError(
        'GM_PKCS12_UNSUPPORTED',
        'public-key protected (signedData) PKCS#12 is not supported',
      );
    }
    const authSafeBytes = dataOctets(content);
    let macHash: string | undefined;
    if (macData) macHash = verifyMac(macData, authSafeBytes, password, options);
    const schemes = new Set<string>();
    const bags: Bag[] = [];
    const safes = decodeAsn1(authSafeBytes, 'AuthenticatedSafe', limits);
    if (!(safes instanceof asn1js.Sequence)) return malformed('AuthenticatedSafe is not a SEQUENCE');
    for (const item of safes.valueBlock.value) {
      const ci = contentInfo(item);
      let safeContents: Uint8Array;
      if (ci.type === OID.data) safeContents = dataOctets(ci.content);
      else if (ci.type === OID.encryptedData) {
        const { plaintext, scheme } = decryptEncryptedData(ci.content, password, options);
        schemes.add(scheme);
        safeContents = plaintext;
      } else {
        throw new GmError(
          'GM_PKCS12_UNSUPPORTED',
          `content type ${ci.type} in AuthenticatedSafe is not supported`,
        );
      }
      readSafeContents(safeContents, password, options, limits, bags, schemes, 0);
    }
    return assemble(bags, macHash, [...schemes]);
  });
}

function contentInfo(node: asn1js.AsnType | undefined): {
  type: string;
  content: asn1js.AsnType | undefined;
} {
  if (!(node instanceof asn1js.Sequence)) return malformed('ContentInfo is not a SEQUENCE');
  const [type, wrapper] = node.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier)) return malformed('ContentInfo has no content type');
  let content: asn1js.AsnType | undefined;
  if (wrapper) {
    if (
      wrapper.idBlock.tagClass !== 3 ||
      wrapper.idBlock.tagNumber !== 0 ||
      !(wrapper instanceof asn1js.Constructed)
    ) {
      return malformed('bad ContentInfo content');
    }
    content = wrapper.valueBlock.value[0];
  }
  return { type: type.valueBlock.toString(), content };
}

function dataOctets(node: asn1js.AsnType | undefined): Uint8Array {
  if (!(node instanceof asn1js.OctetString)) return malformed('data content is not an OCTET STRING');
  return octetStringBytes(node);
}

function passwordAttempt(password: string, attempt: (pass: Uint8Array) => boolean): boolean {
  try {
    return withEmptyPasswordFallback(password, (pass) => {
      if (!attempt(pass)) throw new GmError('GM_PKCS12_BAD_PASSWORD', 'MAC mismatch');
      return true;
    });
  } catch (error) {
    if (error instanceof GmError && error.code === 'GM_PKCS12_BAD_PASSWORD') return false;
    throw error;
  }
}

function verifyMac(node: asn1js.AsnType, data: Uint8Array, password: string, options: PbeOptions): string {
  if (!(node instanceof asn1js.Sequence)) return malformed('MacData is not a SEQUENCE');
  const [digestInfo, saltNode, iterNode] = node.valueBlock.value;
  if (!(digestInfo instanceof asn1js.Sequence)) return malformed('bad MacData');
  const [algNode, digestNode] = digestInfo.valueBlock.value;
  if (!(algNode instanceof asn1js.Sequence) || !(digestNode instanceof asn1js.OctetString))
    return malformed('bad DigestInfo');
  const oidNode = algNode.valueBlock.value[0];
  if (!(oidNode instanceof asn1js.ObjectIdentifier)) return malformed('bad MAC algorithm');
  const oid = oidNode.valueBlock.toString();
  const hash = PKCS12_MAC_HASHES[oid];
  if (!hash) throw new GmError('GM_PKCS12_UNSUPPORTED', `MAC algorithm ${oid} is not supported`, { oid });
  if (!(saltNode instanceof asn1js.OctetString)) return malformed('bad MAC salt');
  const salt = octetStringBytes(saltNode);
  let iterations = 1;
  if (iterNode) {
    if (!(iterNode instanceof asn1js.Integer)) return malformed('bad MAC iterations');
    iterations = iterNode.valueBlock.valueDec;
  }
  const max = options.maxIterations ?? 1_000_000;
  if (!Number.isSafeInteger(iterations) || iterations < 1) return malformed('bad MAC iterations');
  if (iterations > max)
    throw new GmError('GM_PKCS12_UNSUPPORTED', `MAC iteration count ${iterations} exceeds ${max}`);
  const expected = octetStringBytes(digestNode);
  const ok = passwordAttempt(password, (pass) => {
    const key = pkcs12Kdf(hash, pass, salt, PKCS12_KDF_MAC, iterations, expected.length || 20);
    const mac = createHmac(hash, key).update(data).digest();
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  });
  if (!ok) {
    throw new GmError(
      'GM_PKCS12_BAD_PASSWORD',
      'PKCS#12 MAC does not verify: wrong password or altered file',
    );
  }
  return hash;
}

function decrypt(
  algorithmNode: asn1js.AsnType | undefined,
  data: Uint8Array,
  password: string,
  options: PbeOptions,
): { plaintext: Uint8Array; scheme: string } {
  try {
    return pbeDecrypt(algorithmNode, data, password, options);
  } catch (error) {
    if (error instanceof GmError && error.code === 'GM_DECRYPT_FAILED') {
      throw new GmError(
        'GM_PKCS12_BAD_PASSWORD',
        'PKCS#12 contents do not decrypt: wrong password or altered file',
      );
    }
    throw error;
  }
}

function decryptEncryptedData(
  node: asn1js.AsnType | undefined,
  password: string,
  options: PbeOptions,
): { plaintext: Uint8Array; scheme: string } {
  if (!(node instanceof asn1js.Sequence)) return malformed('EncryptedData is not a SEQUENCE');
  const eci = node.valueBlock.value[1];
  if (!(eci instanceof asn1js.Sequence)) return malformed('bad EncryptedContentInfo');
  const [, algNode, encrypted] = eci.valueBlock.value;
  if (!encrypted || encrypted.idBlock.tagClass !== 3 || encrypted.idBlock.tagNumber !== 0) {
    return malformed('EncryptedContentInfo without encryptedContent');
  }
  // [0] IMPLICIT OCTET STRING: primitive, or constructed of OCTET STRING pieces (BER).
  const bytes =
    encrypted instanceof asn1js.Constructed
      ? new Uint8Array(
          Buffer.concat(
            encrypted.valueBlock.value.map((p) =>
              p instanceof asn1js.OctetString ? octetStringBytes(p) : malformed('bad encryptedContent'),
            ),
          ),
        )
      : originalBytes(encrypted).subarray(encrypted.idBlock.blockLength + encrypted.lenBlock.blockLength);
  return decrypt(algNode, bytes, password, options);
}

function bagAttributes(node: asn1js.AsnType | undefined): { friendlyName?: string; localKeyIdHex?: string } {
  if (!node) return {};
  if (!(node instanceof asn1js.Set)) return malformed('bagAttributes is not a SET');
  let friendlyName: string | undefined;
  let localKeyIdHex: string | undefined;
  for (const attr of node.valueBlock.value) {
    if (!(attr instanceof asn1js.Sequence)) return malformed('bad bag attribute');
    const [type, values] = attr.valueBlock.value;
    if (!(type instanceof asn1js.ObjectIdentifier) || !(values instanceof asn1js.Set))
      return malformed('bad bag attribute');
    const value = values.valueBlock.value[0];
    const oid = type.valueBlock.toString();
    if (oid === OID.friendlyName && value instanceof asn1js.BmpString) friendlyName = value.valueBlock.value;
    if (oid === OID.localKeyId && value instanceof asn1js.OctetString)
      localKeyIdHex = toHex(octetStringBytes(value));
  }
  return {
    ...(friendlyName !== undefined ? { friendlyName } : {}),
    ...(localKeyIdHex ? { localKeyIdHex } : {}),
  };
}

function readSafeContents(
  bytes: Uint8Array,
  password: string,
  options: PbeOptions,
  limits: DecodeLimits,
  bags: Bag[],
  schemes: Set<string>,
  depth: number,
): void {
  if (depth > MAX_NESTING) malformed('safeContentsBag nesting too deep');
  let root: asn1js.AsnType;
  try {
    root = decodeAsn1(bytes, 'SafeContents', limits);
  } catch (error) {
    // Contents that decrypted with valid padding but are not DER: a wrong password without MAC.
    if (error instanceof GmError && error.code.startsWith('GM_ASN1_')) {
      throw new GmError('GM_PKCS12_BAD_PASSWORD', 'decrypted PKCS#12 contents are not DER: wrong password?');
    }
    throw error;
  }
  if (!(root instanceof asn1js.Sequence)) return void malformed('SafeContents is not a SEQUENCE');
  for (const bag of root.valueBlock.value) {
    if (!(bag instanceof asn1js.Sequence)) return void malformed('SafeBag is not a SEQUENCE');
    const [idNode, wrapper, attrs] = bag.valueBlock.value;
    if (!(idNode instanceof asn1js.ObjectIdentifier) || !(wrapper instanceof asn1js.Constructed)) {
      return void malformed('bad SafeBag');
    }
    const id = idNode.valueBlock.toString();
    const value = wrapper.valueBlock.value[0];
    const meta = bagAttributes(attrs);
    if (id === OID.keyBag) {
      if (!value) return void malformed('empty keyBag');
      bags.push({ kind: 'key', der: originalBytes(value), ...meta });
    } else if (id === OID.pkcs8ShroudedKeyBag) {
      if (!(value instanceof asn1js.Sequence)) return void malformed('bad pkcs8ShroudedKeyBag');
      const [algNode, data] = value.valueBlock.value;
      if (!(data instanceof asn1js.OctetString)) return void malformed('bad EncryptedPrivateKeyInfo');
      const { plaintext, scheme } = decrypt(algNode, octetStringBytes(data), password, options);
      schemes.add(scheme);
      bags.push({ kind: 'key', der: plaintext, ...meta });
    } else if (id === OID.certBag) {
      if (!(value instanceof asn1js.Sequence)) return void malformed('bad certBag');
      const [certType, certWrapper] = value.valueBlock.value;
      if (!(certType instanceof asn1js.ObjectIdentifier) || !(certWrapper instanceof asn1js.Constructed)) {
        return void malformed('bad certBag');
      }
      if (certType.valueBlock.toString() !== OID.x509CertificateBag) continue; // SDSI certificates: ignored
      const certValue = certWrapper.valueBlock.value[0];
      if (!(certValue instanceof asn1js.OctetString)) return void malformed('bad certBag value');
      bags.push({ kind: 'cert', der: octetStringBytes(certValue), ...meta });
    } else if (id === OID.safeContentsBag) {
      if (!value) return void malformed('empty safeContentsBag');
      readSafeContents(originalBytes(value), password, options, limits, bags, schemes, depth + 1);
    }
    // crlBag and secretBag carry nothing this importer returns.
  }
}

function assemble(bags: readonly Bag[], macHash: string | undefined, schemes: string[]): Pkcs12Contents {
  const certificates: Pkcs12Certificate[] = bags
    .filter((b) => b.kind === 'cert')
    .map((b) => ({
      certificate: parseCertificate(b.der),
      ...(b.friendlyName !== undefined ? { friendlyName: b.friendlyName } : {}),
      ...(b.localKeyIdHex ? { localKeyIdHex: b.localKeyIdHex } : {}),
    }));
  const keys: Pkcs12Key[] = bags
    .filter((b) => b.kind === 'key')
    .map((b) => {
      let info;
      try {
        info = parsePrivateKeyInfo(b.der);
      } catch {
        throw new GmError('GM_PKCS12_BAD_PASSWORD', 'decrypted key is not PKCS#8: wrong password?');
      }
      const byId = b.localKeyIdHex
        ? certificates.find((c) => c.localKeyIdHex === b.localKeyIdHex)
        : undefined;
      let certificate = byId?.certificate;
      if (!certificate) {
        const spki = privateKeySpki(b.der);
        certificate = certificates.find(
          (c) => spki && bytesEqual(c.certificate.publicKey.spki, spki),
        )?.certificate;
      }
      return {
        pkcs8: b.der,
        algorithm: info.algorithm,
        ...(b.friendlyName !== undefined ? { friendlyName: b.friendlyName } : {}),
        ...(b.localKeyIdHex ? { localKeyIdHex: b.localKeyIdHex } : {}),
        ...(certificate ? { certificate } : {}),
      };
    });
  return {
    keys,
    certificates,
    integrity: macHash ? 'MAC' : 'NONE',
    ...(macHash ? { macHash } : {}),
    schemes,
  };
}
