import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import { asn1ToBytes, derSequence, originalBytes, tlv, toHex } from '../asn1/der.js';
import { decodeTime, encodeGeneralizedTime } from '../asn1/time.js';
import { normaliseSerialHex } from '../x509/certificate.js';
import { encodeSerial } from '../x509/create-certificate.js';
import { nameFromAsn1 } from '../x509/name.js';
import type { DistinguishedName } from '../x509/name.js';
import { messageImprintFromAsn1 } from './request.js';
import type { MessageImprint } from './request.js';

export interface Accuracy {
  readonly seconds?: number;
  readonly millis?: number;
  readonly micros?: number;
}

export interface TstInfo {
  readonly der: Uint8Array;
  readonly version: number;
  readonly policy: string;
  readonly messageImprint: MessageImprint;
  readonly serialHex: string;
  readonly genTime: Date;
  readonly accuracy?: Accuracy;
  readonly ordering: boolean;
  readonly nonce?: bigint;
  readonly tsaName?: DistinguishedName;
}

export interface EncodeTstInfoInput {
  readonly policy: string;
  /** DER MessageImprint, copied from the request. */
  readonly messageImprint: Uint8Array;
  readonly serialNumber: string;
  readonly genTime: Date;
  readonly accuracy?: Accuracy;
  readonly ordering?: boolean;
  readonly nonce?: bigint;
  /** DER Name of the TSA, written as tsa [0] directoryName when given. */
  readonly tsaName?: Uint8Array;
}

const CODE = 'GM_TSP_MALFORMED';
const int = (n: number | bigint): Uint8Array => asn1ToBytes(asn1js.Integer.fromBigInt(n));

function encodeAccuracy(a: Accuracy): Uint8Array {
  const check = (v: number | undefined, max: number) => {
    if (v !== undefined && (!Number.isInteger(v) || v < (max === Infinity ? 0 : 1) || v > max)) {
      throw new GmError('GM_INVALID_ARGUMENT', 'bad accuracy value');
    }
  };
  check(a.seconds, Infinity);
  check(a.millis, 999);
  check(a.micros, 999);
  const implicit = (tag: number, v: number) => {
    const der = int(v);
    return tlv(tag, der.subarray(2));
  };
  return derSequence(
    ...(a.seconds !== undefined ? [int(a.seconds)] : []),
    ...(a.millis !== undefined ? [implicit(0x80, a.millis)] : []),
    ...(a.micros !== undefined ? [implicit(0x81, a.micros)] : []),
  );
}

export function encodeTstInfo(input: EncodeTstInfoInput): Uint8Array {
  return derSequence(
    int(1),
    asn1ToBytes(new asn1js.ObjectIdentifier({ value: input.policy })),
    input.messageImprint,
    encodeSerial(input.serialNumber),
    encodeGeneralizedTime(input.genTime, true),
    ...(input.accuracy ? [encodeAccuracy(input.accuracy)] : []),
    ...(input.ordering ? [Uint8Array.of(0x01, 0x01, 0xff)] : []),
    ...(input.nonce !== undefined ? [int(input.nonce)] : []),
    ...(input.tsaName ? [tlv(0xa0, tlv(0xa4, input.tsaName))] : []),
  );
}

function implicitInteger(node: asn1js.AsnType): number {
  const raw = originalBytes(node).subarray(node.idBlock.blockLength + node.lenBlock.blockLength);
  if (raw.length === 0 || raw.length > 4) throw new GmError(CODE, 'bad accuracy field');
  return raw.reduce((n, b) => n * 256 + b, 0);
}

export function parseTstInfo(der: Uint8Array): TstInfo {
  const root = decodeAsn1(der, 'TSTInfo', { maxBytes: 256 * 1024, maxDepth: 16 });
  return fromSchemaOrThrow(CODE, 'TSTInfo', () => {
    const bad = (m: string): never => {
      throw new GmError(CODE, `TSTInfo: ${m}`);
    };
    if (!(root instanceof asn1js.Sequence)) return bad('not a SEQUENCE');
    const fields = [...root.valueBlock.value];
    const [version, policy, imprint, serial, genTime] = fields.splice(0, 5);
    if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 1)
      return bad('version must be 1');
    if (!(policy instanceof asn1js.ObjectIdentifier)) return bad('bad policy');
    if (!(serial instanceof asn1js.Integer)) return bad('bad serialNumber');
    if (!genTime || genTime.idBlock.tagNumber !== 24) return bad('genTime is not a GeneralizedTime');
    let accuracy: Accuracy | undefined;
    let ordering = false;
    let nonce: bigint | undefined;
    let tsaName: DistinguishedName | undefined;
    for (const item of fields) {
      if (item instanceof asn1js.Sequence && !accuracy && !ordering && nonce === undefined) {
        const acc: { seconds?: number; millis?: number; micros?: number } = {};
        for (const part of item.valueBlock.value) {
          if (part instanceof asn1js.Integer) acc.seconds = part.valueBlock.valueDec;
          else if (part.idBlock.tagClass === 3 && part.idBlock.tagNumber === 0)
            acc.millis = implicitInteger(part);
          else if (part.idBlock.tagClass === 3 && part.idBlock.tagNumber === 1)
            acc.micros = implicitInteger(part);
          else return bad('bad accuracy');
        }
        accuracy = acc;
      } else if (item instanceof asn1js.Boolean) ordering = item.valueBlock.value;
      else if (item instanceof asn1js.Integer) nonce = item.toBigInt();
      else if (
        item.idBlock.tagClass === 3 &&
        item.idBlock.tagNumber === 0 &&
        item instanceof asn1js.Constructed
      ) {
        const gn = item.valueBlock.value[0];
        if (
          gn &&
          gn.idBlock.tagClass === 3 &&
          gn.idBlock.tagNumber === 4 &&
          gn instanceof asn1js.Constructed
        ) {
          const name = gn.valueBlock.value[0];
          if (name) tsaName = nameFromAsn1(name);
        }
      } else if (item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 1) {
        // extensions: not interpreted
      } else return bad('unexpected element');
    }
    return {
      der,
      version: 1,
      policy: policy.valueBlock.toString(),
      messageImprint: messageImprintFromAsn1(imprint),
      serialHex: normaliseSerialHex(toHex(new Uint8Array(serial.valueBlock.valueHexView))),
      genTime: decodeTime(genTime, 'genTime'),
      ...(accuracy ? { accuracy } : {}),
      ordering,
      ...(nonce !== undefined ? { nonce } : {}),
      ...(tsaName ? { tsaName } : {}),
    };
  });
}
