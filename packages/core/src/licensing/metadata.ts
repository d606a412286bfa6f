import { HOLDER_CODE_TYPES, type DataItem } from '../catalog/types.js';
import type { License } from './types.js';

export const LONG_TERM = '长期';

/** GB/T 36903 metadata of a licence version, under the national data model's JSON names. */
export interface LicenseMetadata {
  readonly certificateName: string;
  readonly certificateTypeName: string;
  readonly certificateTypeCode: string;
  readonly certificateNumber: string;
  readonly certificateIdentifier: string;
  readonly certificateIssuingAuthorityName: string;
  readonly certificateIssuingAuthorityCode: string;
  readonly certificateIssuedDate: string;
  readonly certificateHolderName: string;
  readonly certificateHolderCode: string;
  readonly certificateHolderTypeName: string;
  readonly certificateHolderTypeCode: string;
  readonly certificateEffectiveDate: string | null;
  readonly certificateExpiringDate: string | null;
  readonly certificateAreaCode: string;
}

export function licenseMetadata(license: License): LicenseMetadata {
  return {
    certificateName: license.typeName,
    certificateTypeName: license.typeName,
    certificateTypeCode: license.typeCode,
    certificateNumber: license.licenseNumber,
    certificateIdentifier: license.identifier,
    certificateIssuingAuthorityName: license.issuerName,
    certificateIssuingAuthorityCode: license.issuerCode,
    certificateIssuedDate: license.issueDate,
    certificateHolderName: license.holder.name,
    certificateHolderCode: license.holder.code,
    certificateHolderTypeName: HOLDER_CODE_TYPES[license.holder.codeType],
    certificateHolderTypeCode: license.holder.codeType,
    certificateEffectiveDate: license.validFrom,
    certificateExpiringDate: license.longTerm ? LONG_TERM : license.validTo,
    certificateAreaCode: license.regionCode,
  };
}

/** The pinyin element codes (STANDARDS §5) used as XMP property names in the file. */
const PINYIN: Partial<Record<keyof LicenseMetadata, string>> = {
  certificateName: 'ZZMC',
  certificateTypeCode: 'ZZLXDM',
  certificateNumber: 'ZZBH',
  certificateIdentifier: 'ZZBS',
  certificateIssuingAuthorityName: 'ZZBFJG',
  certificateIssuingAuthorityCode: 'ZZBFJGDM',
  certificateIssuedDate: 'ZZBFRQ',
  certificateHolderName: 'CZZT',
  certificateHolderCode: 'CZZTDM',
  certificateHolderTypeName: 'CZZTDMLX',
  certificateHolderTypeCode: 'CZZTDMLXDM',
  certificateEffectiveDate: 'ZZYXQQSRQ',
  certificateExpiringDate: 'ZZYXQJZRQ',
};

export function xmpProperties(metadata: LicenseMetadata): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, code] of Object.entries(PINYIN)) {
    const value = metadata[name as keyof LicenseMetadata];
    if (code && value) out[code] = value;
  }
  return out;
}

/** The JSON attachment of the file: metadata and 照面 data, readable without our software. */
export function licenseAttachment(license: License) {
  return {
    schema: 'https://zhengyin.dev/ns/ecert/1.0/license.json',
    metadata: licenseMetadata(license),
    typeVersionId: license.typeVersionId,
    version: license.version,
    data: license.data,
  };
}

/**
 * Display strings for the face: every data item (numbers, 是/否, ISO dates — the template formats
 * them) plus the metadata under its pinyin code, so templates can print the holder, the number…
 */
export function faceValues(license: License, items: readonly DataItem[]): Record<string, string> {
  const metadata = licenseMetadata(license);
  const values: Record<string, string> = {};
  for (const [name, code] of Object.entries(PINYIN)) {
    const value = metadata[name as keyof LicenseMetadata];
    if (code && value) values[code] = value;
  }
  for (const item of items) {
    const value = license.data[item.code];
    if (value === undefined || value === null || item.type === 'table' || item.type === 'image') continue;
    values[item.code] = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  }
  return values;
}
