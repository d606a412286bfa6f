import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { GmError } from '../../errors.js';
import { digest as computeDigest, digestByOid, digestOid } from '../../algorithms/registry.js';
import type { DigestName } from '../../algorithms/registry.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { asn1ToBytes, originalBytes } from '../asn1/der.js';
import { decodePem, looksLikePem, pemText } from '../pem.js';

export const DIGEST_LENGTHS: Record<DigestName, number> = {
  sm3: 32,
  sha1: 20,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

export interface MessageImprint {
  readonly hashOid: string;
  /** Registry name when the hash is one we compute. */
  readonly hash?: DigestName;
  readonly hashedMessage: Uint8Array;
  /** DER of the MessageImprint as received (copied into TSTInfo). */
  readonly der: Uint8Array;
}

export interface TimestampRequest {
  readonly der: Uint8Array;
  readonly version: number;
  readonly messageImprint: MessageImprint;
  readonly policy?: string;
  readonly nonce?: bigint;
  readonly certReq: boolean;
  readonly extensionCount: number;
}

export interface CreateTimestampRequestInput {
  /** The data to time-stamp; or give `digest` directly. */
  readonly data?: Uint8Array;
  readonly digest?: Uint8Array;
  /** Default sha256. */
  readonly hash?: DigestName;
  readonly policy?: string;
  readonly nonce?: bigint;
  /** Ask the TSA to include its certificate (default true). */
  readonly certReq?: boolean;
}

export const TSP_LIMITS: DecodeLimits = { maxBytes: 1024 * 1024, maxDepth: 32, maxElements: 50_000 };

const CODE = 'GM_TSP_MALFORMED';

export function messageImprintFromAsn1(node: asn1js.AsnType | undefined): MessageImprint {
  const imprint = fromSchemaOrThrow(CODE, 'MessageImprint', () => new pkijs.MessageImprint({ schema: node }));
  const hashOid = imprint.hashAlgorithm.algorithmId;
  const hash = digestByOid(hashOid);
  return {
    hashOid,
    ...(hash ? { hash } : {}),
    hashedMessage: new Uint8Array(imprint.hashedMessage.valueBlock.valueHexView),
    der: originalBytes(node as asn1js.AsnType),
  };
}

/** DER TimeStampReq (RFC 3161 §2.4.1). */
export function createTimestampRequest(input: CreateTimestampRequestInput): TimestampRequest {
  const hash = input.hash ?? 'sha256';
  const hashed = input.digest ?? (input.data ? computeDigest(hash, input.data) : undefined);
  if (!hashed || hashed.length !== DIGEST_LENGTHS[hash]) {
    throw new GmError('GM_INVALID_ARGUMENT', `give data or a ${DIGEST_LENGTHS[hash]}-byte ${hash} digest`);
  }
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: digestOid(hash) }),
      hashedMessage: new asn1js.OctetString({ valueHex: hashed }),
    }),
    ...(input.policy ? { reqPolicy: input.policy } : {}),
    ...(input.nonce !== undefined ? { nonce: asn1js.Integer.fromBigInt(input.nonce) } : {}),
    certReq: input.certReq ?? true,
  });
  return parseTimestampRequest(asn1ToBytes(req.toSchema()));
}

/** Parses a TimeStampReq (DER, or PEM "TIMESTAMP REQUEST"). */
export function parseTimestampRequest(
  input: Uint8Array | string,
  limits: Partial<DecodeLimits> = {},
): TimestampRequest {
  const der = looksLikePem(input)
    ? decodePem(pemText(input), ['TIMESTAMP REQUEST']).der
    : (input as Uint8Array);
  const root = decodeAsn1(der, 'TimeStampReq', { ...TSP_LIMITS, ...limits });
  const req = fromSchemaOrThrow(CODE, 'TimeStampReq', () => new pkijs.TimeStampReq({ schema: root }));
  if (req.version !== 1) throw new GmError(CODE, 'TimeStampReq: version must be 1');
  const imprintNode = (root as asn1js.Sequence).valueBlock.value[1];
  return {
    der,
    version: req.version,
    messageImprint: messageImprintFromAsn1(imprintNode),
    ...(req.reqPolicy ? { policy: req.reqPolicy } : {}),
    ...(req.nonce ? { nonce: req.nonce.toBigInt() } : {}),
    certReq: req.certReq ?? false,
    extensionCount: req.extensions?.length ?? 0,
  };
}
