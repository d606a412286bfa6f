import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { signatureAlgorithmByOid, signatureAlgorithmForKey } from '../../algorithms/registry.js';
import type { SignFunction } from '../../algorithms/registry.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { asn1ToBytes, bytesEqual, derBitString, derSequence, tlv, tlvOf, toHex } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { decodeTimeContents, encodeX509Time } from '../asn1/time.js';
import { checkBerStructure } from '../asn1/ber-check.js';
import { contents, readChildren, readTlv, whole } from '../asn1/reader.js';
import type { Tlv } from '../asn1/reader.js';
import { decodePem, looksLikePem, pemText } from '../pem.js';
import { algorithmFromAsn1, encodeSignatureAlgorithm } from './algorithm-identifier.js';
import type { AlgorithmInfo } from './algorithm-identifier.js';
import { normaliseSerialHex } from './certificate.js';
import type { ParsedCertificate } from './certificate.js';
import { encodeSerial } from './create-certificate.js';
import {
  encodeAuthorityKeyIdentifier,
  encodeExtension,
  extensionsFromAsn1,
  keyIdentifierOf,
} from './extensions.js';
import type { RawExtension } from './extensions.js';
import { nameFromAsn1, namesMatch } from './name.js';
import type { DistinguishedName } from './name.js';

export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined, // value 7 is not used
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export type CrlReason = Exclude<(typeof CRL_REASONS)[number], undefined>;

export interface RevokedEntry {
  readonly serialHex: string;
  readonly revocationDate: Date;
  readonly reason?: CrlReason;
}

export interface ParsedCrl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly version: 1 | 2;
  readonly signatureAlgorithm: AlgorithmInfo;
  readonly tbsSignatureAlgorithm: AlgorithmInfo;
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly revoked: readonly RevokedEntry[];
  /** CRL number as lower-case hex, when present. */
  readonly crlNumberHex?: string;
  readonly authorityKeyIdentifier?: Uint8Array;
  readonly extensions: readonly RawExtension[];
}

export const CRL_LIMITS: DecodeLimits = { maxBytes: 32 * 1024 * 1024, maxDepth: 24, maxElements: 2_000_000 };

const CODE = 'GM_CRL_MALFORMED';
const malformed = (message: string): never => {
  throw new GmError(CODE, `CRL: ${message}`);
};

export interface CreateCrlInput {
  readonly issuer: ParsedCertificate;
  readonly sign: SignFunction;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Monotonic CRL number (crlNumber extension), written when given. */
  readonly crlNumber?: bigint | number;
  readonly revoked: readonly {
    readonly serialNumber: string;
    readonly revocationDate: Date;
    readonly reason?: CrlReason;
  }[];
}

const REASON_EXTENSIONS = CRL_REASONS.map((reason, code) =>
  reason === undefined
    ? undefined
    : derSequence(encodeExtension(OID.crlReason, false, tlv(0x0a, Uint8Array.of(code)))),
);

function encodeEntry(entry: CreateCrlInput['revoked'][number]): Uint8Array {
  let exts: Uint8Array | undefined;
  if (entry.reason !== undefined) {
    exts = REASON_EXTENSIONS[CRL_REASONS.indexOf(entry.reason)];
    if (!exts) throw new GmError('GM_INVALID_ARGUMENT', `unknown CRL reason ${String(entry.reason)}`);
  }
  return derSequence(
    encodeSerial(entry.serialNumber),
    encodeX509Time(entry.revocationDate),
    ...(exts ? [exts] : []),
  );
}

/** Issues a v2 CRL signed by `issuer` (algorithm from the issuer key, as for certificates). */
export async function createCrl(input: CreateCrlInput): Promise<ParsedCrl> {
  const { issuer } = input;
  if (input.nextUpdate && input.nextUpdate < input.thisUpdate) {
    throw new GmError('GM_INVALID_ARGUMENT', 'nextUpdate must not be before thisUpdate');
  }
  const algorithm = signatureAlgorithmForKey(issuer.publicKey.spki);
  const algId = encodeSignatureAlgorithm(algorithm);
  const keyId = issuer.extensions.subjectKeyIdentifier ?? keyIdentifierOf(issuer.publicKey.publicKey);
  const exts = [encodeExtension(OID.authorityKeyIdentifier, false, encodeAuthorityKeyIdentifier(keyId))];
  if (input.crlNumber !== undefined) {
    const n = BigInt(input.crlNumber);
    if (n < 0n) throw new GmError('GM_INVALID_ARGUMENT', 'crlNumber must be non-negative');
    exts.push(encodeExtension(OID.crlNumber, false, asn1ToBytes(asn1js.Integer.fromBigInt(n))));
  }
  const tbs = derSequence(
    asn1ToBytes(new asn1js.Integer({ value: 1 })),
    algId,
    issuer.subject.der,
    encodeX509Time(input.thisUpdate),
    ...(input.nextUpdate ? [encodeX509Time(input.nextUpdate)] : []),
    ...(input.revoked.length ? [tlvOf(0x30, input.revoked.map(encodeEntry))] : []),
    tlv(0xa0, derSequence(...exts)),
  );
  const signature = await input.sign(tbs);
  if (!algorithm.verify(issuer.publicKey.spki, tbs, signature)) {
    throw new GmError(
      'GM_SIGNER_KEY_MISMATCH',
      'the CRL signature does not verify with the issuer public key',
    );
  }
  return parseCrl(derSequence(tbs, algId, derBitString(signature)));
}

/** Parses a CRL from DER or PEM ("X509 CRL"). Large CRLs are read without a full ASN.1 tree. */
export function parseCrl(input: Uint8Array | string, limits: Partial<DecodeLimits> = {}): ParsedCrl {
  const der = looksLikePem(input) ? decodePem(pemText(input), ['X509 CRL']).der : (input as Uint8Array);
  if (!(der instanceof Uint8Array)) return malformed('input is not bytes');
  checkBerStructure(der, 'CRL', { ...CRL_LIMITS, ...limits });
  return fromSchemaOrThrow(CODE, 'CRL', () => crlFromDer(der));
}

const REASON_CODE_OID = '551d15';

function crlFromDer(der: Uint8Array): ParsedCrl {
  const top = readTlv(der, 0, der.length, CODE);
  const parts = top.tag === 0x30 ? readChildren(der, top, CODE) : [];
  if (parts.length !== 3) return malformed('not a SEQUENCE of 3');
  const [tbsT, algT, sigT] = parts as [Tlv, Tlv, Tlv];
  if (tbsT.tag !== 0x30) return malformed('TBSCertList is not a SEQUENCE');
  const sigBits = contents(der, sigT);
  if (sigT.tag !== 0x03 || sigBits[0] !== 0) return malformed('bad signature BIT STRING');
  const fields = readChildren(der, tbsT, CODE);
  let version: 1 | 2 = 1;
  if (fields[0]?.tag === 0x02) {
    const v = contents(der, fields.shift() as Tlv);
    if (v.length !== 1 || v[0] !== 1) return malformed('unsupported version');
    version = 2;
  }
  const [tbsAlgT, issuerT, thisUpdateT, ...rest] = fields;
  if (!tbsAlgT || !issuerT || !thisUpdateT) return malformed('TBSCertList is incomplete');
  const small = (t: Tlv, what: string) =>
    decodeAsn1(whole(der, t), what, { maxBytes: 64 * 1024, maxDepth: 16 });
  let nextUpdate: Date | undefined;
  if (rest[0] && (rest[0].tag === 0x17 || rest[0].tag === 0x18)) {
    const t = rest.shift() as Tlv;
    nextUpdate = decodeTimeContents(t.tag, contents(der, t), 'nextUpdate');
  }
  let revoked: RevokedEntry[] = [];
  if (rest[0]?.tag === 0x30)
    revoked = readChildren(der, rest.shift() as Tlv, CODE).map((e) => entryFromDer(der, e));
  let extensions: RawExtension[] = [];
  let crlNumberHex: string | undefined;
  let authorityKeyIdentifier: Uint8Array | undefined;
  const extWrapper = rest.shift();
  if (extWrapper) {
    if (extWrapper.tag !== 0xa0 || version !== 2) return malformed('unexpected element in TBSCertList');
    const parsed = extensionsFromAsn1(
      decodeAsn1(contents(der, extWrapper), 'CRL extensions', { maxDepth: 16 }),
    );
    extensions = [...parsed.list];
    authorityKeyIdentifier = parsed.authorityKeyIdentifier?.keyIdentifier;
    const num = parsed.list.find((e) => e.oid === OID.crlNumber);
    if (num) {
      const n = decodeAsn1(num.value, 'crlNumber', { maxDepth: 2 });
      if (!(n instanceof asn1js.Integer)) return malformed('bad crlNumber');
      crlNumberHex = normaliseSerialHex(toHex(new Uint8Array(n.valueBlock.valueHexView)));
    }
  }
  if (rest.length) return malformed('trailing elements in TBSCertList');
  return {
    der,
    tbs: whole(der, tbsT),
    version,
    signatureAlgorithm: algorithmFromAsn1(small(algT, 'CRL algorithm'), 'CRL', CODE),
    tbsSignatureAlgorithm: algorithmFromAsn1(small(tbsAlgT, 'CRL algorithm'), 'CRL', CODE),
    signature: sigBits.subarray(1),
    issuer: nameFromAsn1(small(issuerT, 'CRL issuer')),
    thisUpdate: decodeTimeContents(thisUpdateT.tag, contents(der, thisUpdateT), 'thisUpdate'),
    ...(nextUpdate ? { nextUpdate } : {}),
    revoked,
    ...(crlNumberHex ? { crlNumberHex } : {}),
    ...(authorityKeyIdentifier ? { authorityKeyIdentifier } : {}),
    extensions,
  };
}

function entryFromDer(der: Uint8Array, entry: Tlv): RevokedEntry {
  if (entry.tag !== 0x30) return malformed('revoked entry is not a SEQUENCE');
  const [serialT, dateT, extsT, ...more] = readChildren(der, entry, CODE);
  if (!serialT || serialT.tag !== 0x02 || serialT.end === serialT.start)
    return malformed('revoked serial is not an INTEGER');
  if (!dateT || more.length) return malformed('bad revoked entry');
  let reason: CrlReason | undefined;
  if (extsT) {
    if (extsT.tag !== 0x30) return malformed('bad entry extensions');
    for (const ext of readChildren(der, extsT, CODE)) {
      const [oidT, second, third] = ext.tag === 0x30 ? readChildren(der, ext, CODE) : [];
      const valueT = second?.tag === 0x01 ? third : second;
      if (!oidT || oidT.tag !== 0x06 || !valueT || valueT.tag !== 0x04)
        return malformed('bad entry extension');
      if (toHex(contents(der, oidT)) !== REASON_CODE_OID) continue;
      const value = contents(der, valueT);
      const code = value.length === 3 && value[0] === 0x0a && value[1] === 1 ? (value[2] as number) : -1;
      reason = CRL_REASONS[code];
      if (!reason) return malformed('bad reasonCode');
    }
  }
  return {
    serialHex: normaliseSerialHex(toHex(contents(der, serialT))),
    revocationDate: decodeTimeContents(dateT.tag, contents(der, dateT), 'revocationDate'),
    ...(reason ? { reason } : {}),
  };
}

export type CrlCheckName = 'ISSUER_NAME' | 'SIGNATURE' | 'ISSUER_KEY_USAGE' | 'CURRENT';

export interface CrlCheck {
  readonly name: CrlCheckName;
  readonly status: 'VALID' | 'INVALID';
  readonly code?:
    | 'CRL_ISSUER_MISMATCH'
    | 'CRL_SIGNATURE_INVALID'
    | 'CRL_SIGNATURE_ALGORITHM_UNSUPPORTED'
    | 'CRL_ISSUER_NOT_CRL_SIGNER'
    | 'CRL_NOT_YET_VALID'
    | 'CRL_EXPIRED';
}

/** Checks a CRL against its issuing CA: name, signature, cRLSign usage and, given a time, freshness. */
export function verifyCrl(
  crl: ParsedCrl,
  issuer: ParsedCertificate,
  time?: Date,
): { ok: boolean; checks: CrlCheck[] } {
  const checks: CrlCheck[] = [];
  checks.push(
    namesMatch(crl.issuer, issuer.subject)
      ? { name: 'ISSUER_NAME', status: 'VALID' }
      : { name: 'ISSUER_NAME', status: 'INVALID', code: 'CRL_ISSUER_MISMATCH' },
  );
  const algorithm = signatureAlgorithmByOid(crl.signatureAlgorithm.oid);
  if (!algorithm || crl.signatureAlgorithm.oid !== crl.tbsSignatureAlgorithm.oid) {
    checks.push({ name: 'SIGNATURE', status: 'INVALID', code: 'CRL_SIGNATURE_ALGORITHM_UNSUPPORTED' });
  } else {
    checks.push(
      algorithm.verify(issuer.publicKey.spki, crl.tbs, crl.signature)
        ? { name: 'SIGNATURE', status: 'VALID' }
        : { name: 'SIGNATURE', status: 'INVALID', code: 'CRL_SIGNATURE_INVALID' },
    );
  }
  const ku = issuer.extensions.keyUsage;
  checks.push(
    !ku || ku.usages.includes('cRLSign')
      ? { name: 'ISSUER_KEY_USAGE', status: 'VALID' }
      : { name: 'ISSUER_KEY_USAGE', status: 'INVALID', code: 'CRL_ISSUER_NOT_CRL_SIGNER' },
  );
  if (time) {
    if (time < crl.thisUpdate) checks.push({ name: 'CURRENT', status: 'INVALID', code: 'CRL_NOT_YET_VALID' });
    else if (crl.nextUpdate && time > crl.nextUpdate)
      checks.push({ name: 'CURRENT', status: 'INVALID', code: 'CRL_EXPIRED' });
    else checks.push({ name: 'CURRENT', status: 'VALID' });
  }
  return { ok: checks.every((c) => c.status === 'VALID'), checks };
}

export type RevocationStatus =
  | { readonly status: 'REVOKED'; readonly revocationDate: Date; readonly reason?: CrlReason }
  | { readonly status: 'GOOD' }
  | { readonly status: 'UNKNOWN'; readonly code: 'CRL_EXPIRED' };

const indexes = new WeakMap<ParsedCrl, Map<string, RevokedEntry>>();

function revokedIndex(crl: ParsedCrl): Map<string, RevokedEntry> {
  let index = indexes.get(crl);
  if (!index) {
    index = new Map();
    // The earliest entry wins if a serial is listed twice.
    for (const entry of crl.revoked) {
      const seen = index.get(entry.serialHex);
      if (!seen || entry.revocationDate < seen.revocationDate) index.set(entry.serialHex, entry);
    }
    indexes.set(crl, index);
  }
  return index;
}

/**
 * Whether `serial` (hex) is revoked at `time` according to this CRL (whose signature the caller
 * checked with verifyCrl). An entry counts from its revocationDate. A CRL says nothing about
 * revocations after its nextUpdate, so a later `time` without a matching entry gives UNKNOWN.
 */
export function checkRevocation(crl: ParsedCrl, serial: string, time: Date): RevocationStatus {
  const entry = revokedIndex(crl).get(normaliseSerialHex(serial));
  if (entry && entry.revocationDate <= time) {
    return {
      status: 'REVOKED',
      revocationDate: entry.revocationDate,
      ...(entry.reason ? { reason: entry.reason } : {}),
    };
  }
  if (crl.nextUpdate && time > crl.nextUpdate) return { status: 'UNKNOWN', code: 'CRL_EXPIRED' };
  return { status: 'GOOD' };
}

/** True when the CRL's authority key identifier (if any) names this CA's key. */
export function crlMatchesIssuerKey(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
  const ski = issuer.extensions.subjectKeyIdentifier;
  return !crl.authorityKeyIdentifier || !ski || bytesEqual(crl.authorityKeyIdentifier, ski);
}
