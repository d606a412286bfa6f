/**
 * The licence metadata of an OFD file as a signature protects it: OFD.xml DocInfo/CustomDatas
 * (the GB/T 36903 keys the writer puts there, as the PDF's XMP) and the JSON attachment. Only parts
 * the given signature references are read — an unsigned OFD.xml or attachment could say anything —
 * so a licence claim always comes from what the issuer signed.
 */
import { ofdError } from './errors.js';
import { OfdPackage, ofdLimits, type OfdLimits } from './package.js';
import { readOfdStructure } from './verify-structure.js';
import { child, childText, childrenNamed } from './xml.js';

export interface SignedOfdMetadata {
  /** CustomData by Name (first DocBody); null when OFD.xml is not among the signed parts. */
  readonly customData: Readonly<Record<string, string>> | null;
  /** The first JSON attachment, when it and the attachment index are signed. */
  readonly attachment: { readonly name: string; readonly json: unknown } | null;
}

const MAX_ATTACHMENT_BYTES = 1024 * 1024;

export function readSignedOfdMetadata(
  ofd: Uint8Array,
  signedParts: Iterable<string>,
  limits: Partial<Pick<OfdLimits, 'maxBytes'>> = {},
): SignedOfdMetadata {
  const signed = new Set(signedParts);
  const pkg = OfdPackage.open(ofd, ofdLimits(limits));
  const structure = readOfdStructure(pkg);
  let customData: Record<string, string> | null = null;
  if (signed.has('OFD.xml')) {
    const info = child(child(pkg.readXml('OFD.xml'), 'DocBody'), 'DocInfo');
    customData = {};
    for (const c of childrenNamed(child(info, 'CustomDatas'), 'CustomData')) {
      const name = c.attrs.Name;
      if (name && !(name in customData)) customData[name] = c.text.trim();
    }
  }
  const index = structure.bodies[0]?.attachmentsPart;
  let attachment: SignedOfdMetadata['attachment'] = null;
  if (index && signed.has(index) && pkg.has(index)) {
    for (const a of childrenNamed(pkg.readXml(index), 'Attachment')) {
      const name = a.attrs.Name ?? '';
      const loc = childText(a, 'FileLoc');
      if (!loc || !(a.attrs.Format?.toLowerCase() === 'json' || name.toLowerCase().endsWith('.json')))
        continue;
      const part = pkg.resolve(index, loc);
      if (!signed.has(part)) continue;
      const bytes = pkg.read(part);
      if (bytes.length > MAX_ATTACHMENT_BYTES) {
        throw ofdError('OFD_LIMIT_EXCEEDED', `attachment ${name} has ${bytes.length} bytes`, { part });
      }
      try {
        attachment = { name, json: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
      } catch (e) {
        throw ofdError('OFD_MALFORMED', `attachment ${name} is not UTF-8 JSON: ${(e as Error).message}`, {
          part,
        });
      }
      break;
    }
  }
  return { customData, attachment };
}
