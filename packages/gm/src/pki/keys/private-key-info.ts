import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { decodeAsn1 } from '../asn1/decode.js';
import { asn1ToBytes } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import type { PublicKeyAlgorithm } from '../x509/public-key.js';

export interface PrivateKeyInfoSummary {
  readonly algorithm: PublicKeyAlgorithm;
  readonly algorithmOid: string;
  readonly curveOid?: string;
  /** The PKCS#8 DER the summary was read from. */
  readonly pkcs8: Uint8Array;
}

const KEY_LIMITS = { maxBytes: 16 * 1024, maxDepth: 8 };

const malformed = (what: string, message: string): never => {
  throw new GmError('GM_KEY_MALFORMED', `${what}: ${message}`);
};

/** Classifies a PKCS#8 PrivateKeyInfo / OneAsymmetricKey without touching the key material. */
export function parsePrivateKeyInfo(pkcs8: Uint8Array): PrivateKeyInfoSummary {
  const root = decodeAsn1(pkcs8, 'PKCS#8 private key', KEY_LIMITS);
  if (!(root instanceof asn1js.Sequence)) return malformed('PKCS#8', 'not a SEQUENCE');
  const [version, algId, key] = root.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec > 1) {
    return malformed('PKCS#8', 'bad version');
  }
  if (!(algId instanceof asn1js.Sequence) || !(key instanceof asn1js.OctetString)) {
    return malformed('PKCS#8', 'bad structure');
  }
  const [oidNode, params] = algId.valueBlock.value;
  if (!(oidNode instanceof asn1js.ObjectIdentifier)) return malformed('PKCS#8', 'missing algorithm OID');
  const algorithmOid = oidNode.valueBlock.toString();
  let curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : undefined;
  if (algorithmOid === OID.sm2Curve) curveOid = OID.sm2Curve;
  // Some encoders put the curve only inside ECPrivateKey.parameters.
  if ((algorithmOid === OID.ecPublicKey || algorithmOid === OID.sm2Curve) && !curveOid) {
    curveOid = ecPrivateKeyCurve(new Uint8Array(key.valueBlock.valueHexView));
  }
  let algorithm: PublicKeyAlgorithm = 'UNKNOWN';
  if (algorithmOid === OID.rsaEncryption) algorithm = 'RSA';
  else if (algorithmOid === OID.ecPublicKey || algorithmOid === OID.sm2Curve) {
    algorithm = curveOid === OID.sm2Curve ? 'SM2' : curveOid === OID.p256 ? 'EC-P256' : 'EC';
  }
  return { algorithm, algorithmOid, ...(curveOid ? { curveOid } : {}), pkcs8 };
}

function ecPrivateKeyCurve(sec1: Uint8Array): string | undefined {
  const root = decodeAsn1(sec1, 'ECPrivateKey', KEY_LIMITS);
  if (!(root instanceof asn1js.Sequence)) return undefined;
  for (const el of root.valueBlock.value) {
    if (el.idBlock.tagClass === 3 && el.idBlock.tagNumber === 0 && el instanceof asn1js.Constructed) {
      const inner = el.valueBlock.value[0];
      if (inner instanceof asn1js.ObjectIdentifier) return inner.valueBlock.toString();
    }
  }
  return undefined;
}

/** Wraps a SEC1 ECPrivateKey ("EC PRIVATE KEY" / "SM2 PRIVATE KEY") as PKCS#8. */
export function sec1ToPkcs8(sec1: Uint8Array): Uint8Array {
  const curve = ecPrivateKeyCurve(sec1);
  if (!curve) return malformed('SEC1', 'ECPrivateKey without named-curve parameters');
  return pkcs8Of(OID.ecPublicKey, new asn1js.ObjectIdentifier({ value: curve }), sec1);
}

/** Wraps a PKCS#1 RSAPrivateKey ("RSA PRIVATE KEY") as PKCS#8. */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const root = decodeAsn1(pkcs1, 'RSAPrivateKey', KEY_LIMITS);
  if (!(root instanceof asn1js.Sequence) || root.valueBlock.value.length < 9) {
    return malformed('PKCS#1', 'not an RSAPrivateKey');
  }
  return pkcs8Of(OID.rsaEncryption, new asn1js.Null(), pkcs1);
}

function pkcs8Of(algorithmOid: string, params: asn1js.AsnType, key: Uint8Array): Uint8Array {
  return asn1ToBytes(
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 0 }),
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: algorithmOid }), params] }),
        new asn1js.OctetString({ valueHex: key }),
      ],
    }),
  );
}
