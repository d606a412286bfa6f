import { GmError } from '../errors.js';
import { sm3Hex } from '../hash/sm3.js';
import {
  childrenOf,
  expectSequence,
  isContext,
  isUniversal,
  parseDer,
  primitiveContent,
  readBits,
  readOid,
  readString,
  TAG,
  type DerNode,
} from './der-reader.js';
import { readTime } from './time-codec.js';

/**
 * The few certificate fields SES verification needs, read straight from the DER (a full pkijs
 * parse costs about ten times more, and a seal check reads two certificates). Full X.509 (chains,
 * extensions, signature checks) is the job of packages/gm/src/pki.
 */
export interface SesCertInfo {
  readonly subjectCn: string | undefined;
  readonly issuerCn: string | undefined;
  /** Lower-case hex of the serial number's content octets. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SPKI algorithm OID, and its named-curve parameter when there is one. */
  readonly publicKeyAlgorithm: string;
  readonly publicKeyCurve: string | undefined;
  /** 65-byte 04‖X‖Y when the key is an uncompressed SM2 point; otherwise undefined. */
  readonly sm2PublicKey: Uint8Array | undefined;
}

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_SM2_CURVE = '1.2.156.10197.1.301';
const OID_COMMON_NAME = '2.5.4.3';
const MAX_CERT_BYTES = 1024 * 1024;
const SET = 17;

function commonName(name: DerNode | undefined, path: string): string | undefined {
  for (const rdn of childrenOf(name)) {
    if (!isUniversal(rdn, SET)) throw new GmError('GM_SES_CERT_MALFORMED', `${path}: RDN is not a SET`);
    for (const attribute of childrenOf(rdn)) {
      const [type, value] = expectSequence(attribute, path, 2, 2);
      if (readOid(type, path) === OID_COMMON_NAME) {
        try {
          return readString(value, path);
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

function validityDate(node: DerNode | undefined, path: string): Date {
  const time = readTime(node, path);
  if (time.form === 'BitString' || !time.date)
    throw new GmError('GM_SES_CERT_MALFORMED', `${path}: bad time`);
  return time.date;
}

function parse(der: Uint8Array): SesCertInfo {
  const [tbs] = expectSequence(parseDer(der, { maxBytes: MAX_CERT_BYTES }), 'Certificate', 3, 3);
  const items = expectSequence(tbs, 'tbsCertificate', 6, 10);
  const at = isContext(items[0], 0) ? 1 : 0; // [0] version is optional (v1 certificates)
  const serial = items[at];
  if (serial === undefined || !isUniversal(serial, TAG.INTEGER)) {
    throw new GmError('GM_SES_CERT_MALFORMED', 'serialNumber is not an INTEGER');
  }
  const [notBefore, notAfter] = expectSequence(items[at + 3], 'validity', 2, 2);
  const [algorithm, publicKey] = expectSequence(items[at + 5], 'subjectPublicKeyInfo', 2, 2);
  const [algorithmId, params] = expectSequence(algorithm, 'subjectPublicKeyInfo.algorithm', 1, 2);
  const keyAlgorithm = readOid(algorithmId, 'subjectPublicKeyInfo.algorithm');
  const curve =
    params !== undefined && isUniversal(params, TAG.OID) ? readOid(params, 'namedCurve') : undefined;
  const point = readBits(publicKey, 'subjectPublicKey');
  const isSm2 =
    (keyAlgorithm === OID_EC_PUBLIC_KEY && curve === OID_SM2_CURVE) || keyAlgorithm === OID_SM2_CURVE;
  return {
    subjectCn: commonName(items[at + 4], 'subject'),
    issuerCn: commonName(items[at + 2], 'issuer'),
    serialNumber: Buffer.from(primitiveContent(serial)).toString('hex'),
    notBefore: validityDate(notBefore, 'notBefore'),
    notAfter: validityDate(notAfter, 'notAfter'),
    publicKeyAlgorithm: keyAlgorithm,
    publicKeyCurve: curve,
    sm2PublicKey: isSm2 && point.length === 65 && point[0] === 0x04 ? new Uint8Array(point) : undefined,
  };
}

/** Reads subject/issuer CN, serial, validity and the SM2 point of a DER certificate. */
/**
 * Answers by certificate content: a verifier reads the same seal and signer certificates in every
 * document of an issuer (twice per signature), and the DER walk costs more than the SM3 key.
 */
const known = new Map<string, SesCertInfo>();
const MAX_KNOWN = 512;

export function readSesCertInfo(der: Uint8Array): SesCertInfo {
  const key = der.length <= MAX_CERT_BYTES ? sm3Hex(der) : undefined;
  const cached = key === undefined ? undefined : known.get(key);
  if (cached) return cached;
  try {
    const info = parse(der);
    if (key !== undefined) {
      if (known.size >= MAX_KNOWN) known.clear();
      known.set(key, info);
    }
    return info;
  } catch (e) {
    if (e instanceof GmError && e.code === 'GM_SES_CERT_MALFORMED') throw e;
    throw new GmError('GM_SES_CERT_MALFORMED', `certificate not readable: ${(e as Error).message}`);
  }
}
