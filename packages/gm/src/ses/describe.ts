import { GmError } from '../errors.js';
import { sm3Hex } from '../hash/sm3.js';
import { readSesCertInfo } from './cert-info.js';
import { childrenOf, isSequence, isUniversal, parseDer, TAG } from './der-reader.js';
import { decodeSealNode } from './seal-codec.js';
import { decodeSignatureNode } from './signature-codec.js';
import type { SesCertList, SesDecodeLimits, SesExtData, SesSeal, SesSignature, SesTime } from './types.js';

export type SesJsonValue =
  string | number | boolean | null | SesJsonValue[] | { [key: string]: SesJsonValue };
export type SesJsonObject = { [key: string]: SesJsonValue };

/** A JSON-safe view of an SES structure (hex / base64 for bytes, ISO times), for dumps. */
export interface SesDescription extends SesJsonObject {
  kind: 'seal' | 'signature';
  version: 1 | 4;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

const OID_NAMES: Record<string, string> = {
  '1.2.156.10197.1.501': 'SM3withSM2',
  '1.2.156.10197.1.301.1': 'SM2-sign',
  '1.2.156.10197.1.401': 'SM3',
};
const alg = (oid: string): SesJsonObject => ({ oid, name: OID_NAMES[oid] ?? null });

const time = (t: SesTime): SesJsonObject => ({
  form: t.form,
  text: t.text,
  iso: t.date ? t.date.toISOString() : null,
  ...(t.bytes && !t.text ? { hex: hex(t.bytes) } : {}),
});

function certificate(der: Uint8Array): SesJsonObject {
  const base: SesJsonObject = { sm3: sm3Hex(der), size: der.length, base64: b64(der) };
  try {
    const info = readSesCertInfo(der);
    return {
      subjectCn: info.subjectCn ?? null,
      issuerCn: info.issuerCn ?? null,
      serialNumber: info.serialNumber,
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      publicKeyAlgorithm: info.publicKeyAlgorithm,
      publicKeyCurve: info.publicKeyCurve ?? null,
      sm2PublicKey: info.sm2PublicKey ? hex(info.sm2PublicKey) : null,
      ...base,
    };
  } catch (e) {
    return { error: e instanceof GmError ? e.code : 'GM_SES_CERT_MALFORMED', ...base };
  }
}

function certList(list: SesCertList): SesJsonObject {
  switch (list.kind) {
    case 'certificates':
      return { kind: list.kind, certificates: list.certificates.map(certificate) };
    case 'digests':
      return { kind: list.kind, digests: list.digests.map((d) => ({ type: d.type, value: hex(d.value) })) };
    case 'unrecognised':
      return { kind: list.kind, reason: list.reason, hex: hex(list.der) };
  }
}

const extDatas = (list: readonly SesExtData[] | undefined): SesJsonValue =>
  list === undefined
    ? null
    : list.map((e) => ({ extnId: e.extnId, critical: e.critical ?? null, value: hex(e.value) }));

function describeSealObject(seal: SesSeal): SesDescription {
  const { header, esId, property: p, picture } = seal.sealInfo;
  return {
    kind: 'seal',
    version: seal.version,
    header: { id: header.id, version: header.version, vid: header.vid },
    esId,
    property: {
      type: p.type,
      name: p.name,
      certListType: p.certListType ?? null,
      certList: certList(p.certList),
      createDate: time(p.createDate),
      validStart: time(p.validStart),
      validEnd: time(p.validEnd),
    },
    picture: {
      type: picture.type,
      width: picture.width,
      height: picture.height,
      size: picture.data.length,
      sm3: sm3Hex(picture.data),
      base64: b64(picture.data),
    },
    extDatas: extDatas(seal.sealInfo.extDatas),
    makerCertificate: certificate(seal.makerCertificate),
    signatureAlgorithm: alg(seal.signatureAlgorithm),
    signature: hex(seal.signature),
    sm3: sm3Hex(seal.der),
  };
}

function describeSignatureObject(sig: SesSignature): SesDescription {
  const { tbs } = sig;
  return {
    kind: 'signature',
    version: sig.version,
    tbs: {
      version: tbs.version,
      timeInfo: time(tbs.timeInfo),
      dataHash: hex(tbs.dataHash),
      propertyInfo: tbs.propertyInfo,
      extDatas: extDatas(tbs.extDatas),
      extDatasTagging: tbs.extDatasTagging ?? null,
      seal: describeSealObject(tbs.seal),
    },
    signerCertificate: certificate(sig.signerCertificate),
    signatureAlgorithm: alg(sig.signatureAlgorithm),
    signature: hex(sig.signature),
    timeStamp: sig.timeStamp ? b64(sig.timeStamp) : null,
    sm3: sm3Hex(sig.der),
  };
}

/** Decodes an SESeal or an SES_Signature (either version, auto-detected) into a JSON-safe object. */
export function describeSes(bytes: Uint8Array, limits?: SesDecodeLimits): SesDescription {
  const root = parseDer(bytes, limits);
  const first = childrenOf(root)[0];
  const inner = childrenOf(first)[0];
  // SESeal starts with SES_SealInfo{header SEQUENCE…}; SES_Signature with TBS_Sign{version INTEGER…}.
  if (isSequence(first) && isSequence(inner)) return describeSealObject(decodeSealNode(root, 'SESeal'));
  if (isSequence(first) && inner !== undefined && isUniversal(inner, TAG.INTEGER)) {
    return describeSignatureObject(decodeSignatureNode(root, 'SES_Signature'));
  }
  throw new GmError('GM_SES_UNKNOWN_STRUCTURE', 'neither an SESeal nor an SES_Signature');
}
