/**
 * The 加注件 statement of an OFD file: a page annotation (`Annot`, Subtype ZY_Annotation, written by
 * annotateOfd) whose Parameters carry the GB/T 36903 items 16–19 and the licence it annotates as
 * `Name="ZY_Annotation.<item>"`. Only annotation files a signature's references cover are read, so
 * the statement is one the signer signed.
 */
import type { PdfAnnotationInfo } from '../pdf/types.js';
import type { OfdPackage } from './package.js';
import { child, childrenNamed } from './xml.js';

const PREFIX = 'ZY_Annotation.';

/** Parameter item → field; both our short names and the GB/T 36903 element names are read. */
const FIELDS: Record<string, keyof PdfAnnotationInfo> = {
  creationTime: 'creationTime',
  certificateCopyCreationTime: 'creationTime',
  creator: 'creator',
  certificateCopyCreator: 'creator',
  cause: 'cause',
  certificateCopyCause: 'cause',
  expiringTime: 'expiringTime',
  certificateCopyExpiringTime: 'expiringTime',
  licenseIdentifier: 'licenseIdentifier',
  certificateIdentifier: 'licenseIdentifier',
  itemCode: 'itemCode',
  itemName: 'itemName',
};

/** The ZY_Annotation parameters of one page annotation file, or null when it has none. */
export function readAnnotationStatement(pkg: OfdPackage, part: string): PdfAnnotationInfo | null {
  const root = pkg.readXml(part);
  for (const annot of childrenNamed(root, 'Annot')) {
    const values: Partial<Record<keyof PdfAnnotationInfo, string>> = {};
    let found = false;
    for (const p of childrenNamed(child(annot, 'Parameters'), 'Parameter')) {
      const name = p.attrs.Name ?? '';
      if (!name.startsWith(PREFIX)) continue;
      found = true;
      const field = FIELDS[name.slice(PREFIX.length)];
      if (field) values[field] = p.text.trim();
    }
    if (!found) continue;
    return {
      creationTime: values.creationTime ?? '',
      creator: values.creator ?? '',
      cause: values.cause ?? '',
      expiringTime: values.expiringTime ?? '',
      licenseIdentifier: values.licenseIdentifier ?? '',
      itemCode: values.itemCode || null,
      itemName: values.itemName || null,
    };
  }
  return null;
}
