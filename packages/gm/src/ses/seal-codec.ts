import { GmError } from '../errors.js';
import {
  childrenOf,
  expectSequence,
  isSequence,
  isString,
  isUniversal,
  parseDer,
  rawOf,
  readBits,
  readBoolean,
  readInteger,
  readOctets,
  readOid,
  readString,
  TAG,
  type DerNode,
} from './der-reader.js';
import {
  derBits,
  derBoolean,
  derIa5,
  derInteger,
  derOctets,
  derOid,
  derPrintable,
  derSequence,
  derUtf8,
} from './der-writer.js';
import { readTime, encodeTime } from './time-codec.js';
import type {
  SesCertList,
  SesDecodeLimits,
  SesExtData,
  SesHeader,
  SesPictureInfo,
  SesPropertyInfo,
  SesSeal,
  SesSealFields,
  SesSealInfo,
  SesSealInfoFields,
} from './types.js';

const malformed = (path: string, message: string): GmError =>
  new GmError('GM_SES_MALFORMED', `${path}: ${message}`, { path });

function decodeHeader(node: DerNode | undefined, path: string): SesHeader {
  const [id, version, vid] = expectSequence(node, path, 3, 3);
  return {
    id: readString(id, `${path}.id`),
    version: readInteger(version, `${path}.version`),
    vid: readString(vid, `${path}.vid`),
  };
}

function decodeCertList(
  node: DerNode | undefined,
  certListType: number | undefined,
  path: string,
): SesCertList {
  if (node === undefined) throw malformed(path, 'missing');
  const unrecognised = (reason: string): SesCertList => ({ kind: 'unrecognised', der: rawOf(node), reason });
  if (!isSequence(node)) return unrecognised('certList is not a SEQUENCE');
  const items = childrenOf(node);
  if (items.length === 0) {
    return certListType === 2 ? { kind: 'digests', digests: [] } : { kind: 'certificates', certificates: [] };
  }
  if (items.every((i) => isUniversal(i, TAG.OCTET_STRING) && !i.idBlock.isConstructed)) {
    return { kind: 'certificates', certificates: items.map((i, n) => readOctets(i, `${path}[${n}]`)) };
  }
  const isDigest = (i: DerNode): boolean => {
    const parts = isSequence(i) ? childrenOf(i) : [];
    return parts.length === 2 && isString(parts[0]) && isUniversal(parts[1], TAG.OCTET_STRING);
  };
  if (items.every(isDigest)) {
    return {
      kind: 'digests',
      digests: items.map((i, n) => {
        const [type, value] = childrenOf(i);
        return {
          type: readString(type, `${path}[${n}].type`),
          value: readOctets(value, `${path}[${n}].value`),
        };
      }),
    };
  }
  return unrecognised('entries are neither certificates (OCTET STRING) nor CertDigestObj');
}

function decodeProperty(node: DerNode | undefined, path: string): SesPropertyInfo {
  const items = expectSequence(node, path, 6, 7);
  // v4 inserts certListType (INTEGER) before certList; v1 has none. Decide on shape, not version.
  const hasListType = items.length === 7;
  if (hasListType !== isUniversal(items[2], TAG.INTEGER)) throw malformed(path, 'unexpected property layout');
  const at = (i: number): DerNode | undefined => items[hasListType ? i : i - 1];
  const certListType = hasListType ? readInteger(items[2], `${path}.certListType`) : undefined;
  return {
    type: readInteger(items[0], `${path}.type`),
    name: readString(items[1], `${path}.name`),
    certListType,
    certList: decodeCertList(at(3), certListType, `${path}.certList`),
    createDate: readTime(at(4), `${path}.createDate`),
    validStart: readTime(at(5), `${path}.validStart`),
    validEnd: readTime(at(6), `${path}.validEnd`),
  };
}

function decodePicture(node: DerNode | undefined, path: string): SesPictureInfo {
  const [type, data, width, height] = expectSequence(node, path, 4, 4);
  return {
    type: readString(type, `${path}.type`),
    data: readOctets(data, `${path}.data`),
    width: readInteger(width, `${path}.width`),
    height: readInteger(height, `${path}.height`),
  };
}

export function decodeExtDatas(node: DerNode | undefined, path: string): SesExtData[] {
  if (!isSequence(node)) throw malformed(path, 'expected SEQUENCE OF ExtData');
  return childrenOf(node).map((ext, n) => decodeExtData(ext, `${path}[${n}]`));
}

export function decodeExtData(node: DerNode | undefined, path: string): SesExtData {
  const items = expectSequence(node, path, 2, 3);
  const critical = items.length === 3 ? readBoolean(items[1], `${path}.critical`) : undefined;
  return {
    extnId: readOid(items[0], `${path}.extnID`),
    critical,
    value: readOctets(items[items.length - 1], `${path}.extnValue`),
  };
}

function decodeSealInfo(node: DerNode | undefined, path: string): SesSealInfo {
  const items = expectSequence(node, path, 4, 5);
  return {
    header: decodeHeader(items[0], `${path}.header`),
    esId: readString(items[1], `${path}.esID`),
    property: decodeProperty(items[2], `${path}.property`),
    picture: decodePicture(items[3], `${path}.picture`),
    extDatas: items[4] === undefined ? undefined : decodeExtDatas(items[4], `${path}.extDatas`),
    der: rawOf(node as DerNode),
  };
}

/** Decodes an SESeal element (already parsed), detecting v1 (2 elements) or v4 (4 elements). */
export function decodeSealNode(node: DerNode | undefined, path: string): SesSeal {
  if (!isSequence(node)) throw malformed(path, 'expected SEQUENCE');
  const items = childrenOf(node);
  if (items.length === 5) {
    throw new GmError('GM_SES_UNSUPPORTED_VERSION', `${path}: 5-element SESeal (v5) is not supported`);
  }
  if (items.length === 2) {
    const sealInfo = decodeSealInfo(items[0], `${path}.esealInfo`);
    const [cert, alg, signData] = expectSequence(items[1], `${path}.signInfo`, 3, 3);
    return {
      version: 1,
      sealInfo,
      makerCertificate: readOctets(cert, `${path}.signInfo.cert`),
      signatureAlgorithm: readOid(alg, `${path}.signInfo.signatureAlgorithm`),
      signature: readBits(signData, `${path}.signInfo.signData`),
      der: rawOf(node),
      // GM/T 0031: the maker signs SEQUENCE{sealInfo, cert, signatureAlgorithm}, rebuilt from
      // the original element bytes.
      makerSignedBytes: derSequence(sealInfo.der, rawOf(cert!), rawOf(alg!)),
    };
  }
  if (items.length === 4) {
    const sealInfo = decodeSealInfo(items[0], `${path}.eSealInfo`);
    if (sealInfo.header.version === 5) {
      throw new GmError('GM_SES_UNSUPPORTED_VERSION', `${path}: header version 5 is not supported`);
    }
    return {
      version: 4,
      sealInfo,
      makerCertificate: readOctets(items[1], `${path}.cert`),
      signatureAlgorithm: readOid(items[2], `${path}.signAlgID`),
      signature: readBits(items[3], `${path}.signedValue`),
      der: rawOf(node),
      makerSignedBytes: sealInfo.der,
    };
  }
  throw malformed(path, `SESeal has ${items.length} elements; expected 2 (v1) or 4 (v4)`);
}

/** Decodes DER SESeal bytes (Seal.esl), v4 (GB/T 38540) or v1 (GM/T 0031). */
export function decodeSeal(bytes: Uint8Array, limits?: SesDecodeLimits): SesSeal {
  return decodeSealNode(parseDer(bytes, limits), 'SESeal');
}

function encodeCertList(list: SesCertList): Uint8Array {
  switch (list.kind) {
    case 'certificates':
      return derSequence(...list.certificates.map(derOctets));
    case 'digests':
      return derSequence(
        ...list.digests.map((d) =>
          derSequence(derPrintable(d.type, 'CertDigestObj.type'), derOctets(d.value)),
        ),
      );
    case 'unrecognised':
      return list.der;
  }
}

export function encodeExtDatas(extDatas: readonly SesExtData[]): Uint8Array {
  return derSequence(
    ...extDatas.map((e) =>
      derSequence(
        derOid(e.extnId),
        e.critical === undefined ? new Uint8Array(0) : derBoolean(e.critical),
        derOctets(e.value),
      ),
    ),
  );
}

/** DER(SES_SealInfo); v1 or v4 layout follows `property.certListType` (absent in v1). */
export function encodeSealInfo(info: SesSealInfoFields): Uint8Array {
  const { header, property: p, picture } = info;
  return derSequence(
    derSequence(derIa5(header.id, 'header.id'), derInteger(header.version), derIa5(header.vid, 'header.vid')),
    derIa5(info.esId, 'esID'),
    derSequence(
      derInteger(p.type),
      derUtf8(p.name),
      p.certListType === undefined ? new Uint8Array(0) : derInteger(p.certListType),
      encodeCertList(p.certList),
      encodeTime(p.createDate),
      encodeTime(p.validStart),
      encodeTime(p.validEnd),
    ),
    derSequence(
      derIa5(picture.type, 'picture.type'),
      derOctets(picture.data),
      derInteger(picture.width),
      derInteger(picture.height),
    ),
    info.extDatas === undefined ? new Uint8Array(0) : encodeExtDatas(info.extDatas),
  );
}

/** DER(SESeal) from fields, in the layout of `seal.version`. */
export function encodeSeal(seal: SesSealFields): Uint8Array {
  const info = encodeSealInfo(seal.sealInfo);
  const signInfo = [
    derOctets(seal.makerCertificate),
    derOid(seal.signatureAlgorithm),
    derBits(seal.signature),
  ];
  if (seal.version === 1) return derSequence(info, derSequence(...signInfo));
  if (seal.version === 4) return derSequence(info, ...signInfo);
  throw new GmError('GM_SES_UNSUPPORTED_VERSION', `unsupported SESeal version ${String(seal.version)}`);
}
