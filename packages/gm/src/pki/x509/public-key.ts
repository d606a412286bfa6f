import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { decodeAsn1 } from '../asn1/decode.js';
import { OID } from '../asn1/oids.js';

export type PublicKeyAlgorithm = 'SM2' | 'EC-P256' | 'EC' | 'RSA' | 'UNKNOWN';

export interface PublicKeyInfo {
  readonly algorithm: PublicKeyAlgorithm;
  readonly algorithmOid: string;
  /** Named-curve OID for EC keys. */
  readonly curveOid?: string;
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  /** The subjectPublicKey BIT STRING contents: 04‖X‖Y for EC / SM2, DER RSAPublicKey for RSA. */
  readonly publicKey: Uint8Array;
  readonly rsaModulusBits?: number;
}

const bad = (message: string): never => {
  throw new GmError('GM_KEY_MALFORMED', `SubjectPublicKeyInfo: ${message}`);
};

/** Reads a DER SubjectPublicKeyInfo and classifies the key. */
export function parsePublicKeyInfo(spki: Uint8Array): PublicKeyInfo {
  const root = decodeAsn1(spki, 'SubjectPublicKeyInfo', { maxBytes: 16 * 1024, maxDepth: 8 });
  return publicKeyInfoFromAsn1(root, spki);
}

export function publicKeyInfoFromAsn1(root: asn1js.AsnType, spki: Uint8Array): PublicKeyInfo {
  if (!(root instanceof asn1js.Sequence)) return bad('not a SEQUENCE');
  const [algId, bits] = root.valueBlock.value;
  if (!(algId instanceof asn1js.Sequence) || !(bits instanceof asn1js.BitString)) return bad('bad structure');
  const [oidNode, params] = algId.valueBlock.value;
  if (!(oidNode instanceof asn1js.ObjectIdentifier)) return bad('missing algorithm OID');
  if (bits.valueBlock.unusedBits !== 0) return bad('public key BIT STRING has unused bits');
  const algorithmOid = oidNode.valueBlock.toString();
  const publicKey = new Uint8Array(bits.valueBlock.valueHexView);
  const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : undefined;
  if (algorithmOid === OID.ecPublicKey || algorithmOid === OID.sm2Curve) {
    const curve = algorithmOid === OID.sm2Curve ? OID.sm2Curve : curveOid;
    if (publicKey.length !== 65 || publicKey[0] !== 4) {
      // Compressed points are legal in X.509 but never issued for SM2 / P-256 in practice.
      return bad('EC public key is not an uncompressed point');
    }
    const algorithm: PublicKeyAlgorithm =
      curve === OID.sm2Curve ? 'SM2' : curve === OID.p256 ? 'EC-P256' : 'EC';
    return { algorithm, algorithmOid, ...(curve ? { curveOid: curve } : {}), spki, publicKey };
  }
  if (algorithmOid === OID.rsaEncryption) {
    const inner = asn1js.fromBER(publicKey, { maxDepth: 4, parseEmbedded: false });
    const seq = inner.result;
    if (inner.offset !== publicKey.length || !(seq instanceof asn1js.Sequence))
      return bad('bad RSAPublicKey');
    const modulus = seq.valueBlock.value[0];
    if (!(modulus instanceof asn1js.Integer)) return bad('bad RSA modulus');
    const n = new Uint8Array(modulus.valueBlock.valueHexView);
    let start = 0;
    while (start < n.length && n[start] === 0) start++;
    const first = n[start] ?? 0;
    const rsaModulusBits = (n.length - start - 1) * 8 + (first === 0 ? 0 : Math.floor(Math.log2(first)) + 1);
    return { algorithm: 'RSA', algorithmOid, spki, publicKey, rsaModulusBits };
  }
  return { algorithm: 'UNKNOWN', algorithmOid, ...(curveOid ? { curveOid } : {}), spki, publicKey };
}
