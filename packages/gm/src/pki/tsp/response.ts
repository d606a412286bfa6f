import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import type { SignFunction } from '../../algorithms/registry.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { asn1ToBytes, derSequence, originalBytes, tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { createSignedData } from '../cms/create-signed-data.js';
import type { CmsProfile } from '../cms/signed-data.js';
import { decodePem, looksLikePem, pemText } from '../pem.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { DIGEST_LENGTHS, parseTimestampRequest, TSP_LIMITS } from './request.js';
import type { TimestampRequest } from './request.js';
import { encodeTstInfo } from './tst-info.js';
import type { Accuracy } from './tst-info.js';

export type PkiStatus =
  'granted' | 'grantedWithMods' | 'rejection' | 'waiting' | 'revocationWarning' | 'revocationNotification';
const STATUSES: readonly PkiStatus[] = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];

export type PkiFailureInfo =
  | 'badAlg'
  | 'badRequest'
  | 'badDataFormat'
  | 'timeNotAvailable'
  | 'unacceptedPolicy'
  | 'unacceptedExtension'
  | 'addInfoNotAvailable'
  | 'systemFailure';
const FAILURE_BITS: Record<PkiFailureInfo, number> = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
};

export interface TimestampResponse {
  readonly der: Uint8Array;
  readonly status: PkiStatus;
  readonly statusText?: readonly string[];
  readonly failInfo?: readonly PkiFailureInfo[];
  /** The TimeStampToken (DER ContentInfo) when granted. */
  readonly token?: Uint8Array;
}

export interface CreateTimestampResponseInput {
  /** The client's TimeStampReq, DER or parsed. */
  readonly request: Uint8Array | TimestampRequest;
  readonly tsaCert: ParsedCertificate;
  /** Signs with the TSA key (may live in a vault). */
  readonly signer: SignFunction;
  /** Unique serial number of the token, hex. */
  readonly serial: string;
  /** genTime (always explicit). */
  readonly time: Date;
  /** TSA policy OID. */
  readonly policy: string;
  readonly accuracy?: Accuracy;
  /** Further certificates to include when the request asks for certificates (TSA chain). */
  readonly certificates?: readonly ParsedCertificate[];
  /** Write the TSA's name into TSTInfo.tsa. */
  readonly includeTsaName?: boolean;
  readonly profile?: CmsProfile;
}

function encodeFailInfo(info: PkiFailureInfo): Uint8Array {
  const bit = FAILURE_BITS[info];
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return tlv(0x03, Uint8Array.of(7 - (bit & 7)), bytes);
}

/** A rejection TimeStampResp with one failure reason. */
export function createTimestampRejection(failInfo: PkiFailureInfo, text: string): TimestampResponse {
  const status = derSequence(
    asn1ToBytes(new asn1js.Integer({ value: 2 })),
    derSequence(asn1ToBytes(new asn1js.Utf8String({ value: text }))),
    encodeFailInfo(failInfo),
  );
  return parseTimestampResponse(derSequence(status));
}

/**
 * Answers a TimeStampReq as a TSA (RFC 3161): a granted response with a token signed by
 * `signer` for `tsaCert`, or a rejection (badDataFormat, badAlg, unacceptedPolicy,
 * unacceptedExtension) for requests it cannot honour. The TSA certificate is included when
 * the request sets certReq.
 */
export async function createTimestampResponse(
  input: CreateTimestampResponseInput,
): Promise<TimestampResponse> {
  let request: TimestampRequest;
  try {
    request = input.request instanceof Uint8Array ? parseTimestampRequest(input.request) : input.request;
  } catch (error) {
    if (error instanceof GmError) return createTimestampRejection('badDataFormat', 'malformed TimeStampReq');
    throw error;
  }
  const { hash, hashedMessage } = request.messageImprint;
  if (!hash) return createTimestampRejection('badAlg', `unsupported hash ${request.messageImprint.hashOid}`);
  if (hashedMessage.length !== DIGEST_LENGTHS[hash]) {
    return createTimestampRejection('badDataFormat', 'message imprint has the wrong length');
  }
  if (request.policy && request.policy !== input.policy) {
    return createTimestampRejection('unacceptedPolicy', `policy ${request.policy} is not offered`);
  }
  if (request.extensionCount > 0)
    return createTimestampRejection('unacceptedExtension', 'extensions are not supported');
  const eku = input.tsaCert.extensions.extendedKeyUsage;
  if (!eku || !eku.critical || eku.purposes.length !== 1 || eku.purposes[0] !== OID.ekuTimeStamping) {
    throw new GmError(
      'GM_TSP_BAD_TSA_CERTIFICATE',
      'TSA certificate needs a critical extendedKeyUsage of timeStamping only',
    );
  }
  const tstInfo = encodeTstInfo({
    policy: input.policy,
    messageImprint: request.messageImprint.der,
    serialNumber: input.serial,
    genTime: input.time,
    ...(input.accuracy ? { accuracy: input.accuracy } : {}),
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    ...(input.includeTsaName ? { tsaName: input.tsaCert.subject.der } : {}),
  });
  const token = await createSignedData({
    content: tstInfo,
    encapsulate: true,
    eContentType: OID.tstInfo,
    signerCertificate: input.tsaCert,
    sign: input.signer,
    signingTime: input.time,
    ...(input.profile ? { profile: input.profile } : {}),
    ...(request.certReq ? { certificates: input.certificates ?? [] } : {}),
    omitCertificates: !request.certReq,
  });
  return parseTimestampResponse(
    derSequence(derSequence(asn1ToBytes(new asn1js.Integer({ value: 0 }))), token),
  );
}

const CODE = 'GM_TSP_MALFORMED';

/** Parses a TimeStampResp (DER, or PEM "TIMESTAMP RESPONSE"). */
export function parseTimestampResponse(
  input: Uint8Array | string,
  limits: Partial<DecodeLimits> = {},
): TimestampResponse {
  const der = looksLikePem(input)
    ? decodePem(pemText(input), ['TIMESTAMP RESPONSE']).der
    : (input as Uint8Array);
  const root = decodeAsn1(der, 'TimeStampResp', { ...TSP_LIMITS, maxBytes: 16 * 1024 * 1024, ...limits });
  return fromSchemaOrThrow(CODE, 'TimeStampResp', () => {
    const bad = (m: string): never => {
      throw new GmError(CODE, `TimeStampResp: ${m}`);
    };
    if (!(root instanceof asn1js.Sequence)) return bad('not a SEQUENCE');
    const [statusInfo, token, ...rest] = root.valueBlock.value;
    if (!(statusInfo instanceof asn1js.Sequence) || rest.length) return bad('bad structure');
    const [statusNode, ...more] = statusInfo.valueBlock.value;
    if (!(statusNode instanceof asn1js.Integer)) return bad('bad PKIStatus');
    const status = STATUSES[statusNode.valueBlock.valueDec];
    if (!status) return bad('unknown PKIStatus');
    let statusText: string[] | undefined;
    let failInfo: PkiFailureInfo[] | undefined;
    for (const item of more) {
      if (item instanceof asn1js.Sequence) {
        statusText = item.valueBlock.value.map((s) =>
          s instanceof asn1js.Utf8String ? s.valueBlock.value : bad('bad statusString'),
        );
      } else if (item instanceof asn1js.BitString) {
        const bytes = new Uint8Array(item.valueBlock.valueHexView);
        failInfo = (Object.keys(FAILURE_BITS) as PkiFailureInfo[]).filter((name) => {
          const bit = FAILURE_BITS[name];
          return (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1;
        });
      } else return bad('bad PKIStatusInfo');
    }
    if ((status === 'granted' || status === 'grantedWithMods') && !token)
      return bad('granted without a token');
    return {
      der,
      status,
      ...(statusText ? { statusText } : {}),
      ...(failInfo ? { failInfo } : {}),
      ...(token ? { token: originalBytes(token) } : {}),
    };
  });
}
