/**
 * Reads Signatures.xml and every Signature.xml it lists (STANDARDS.md §13): paths resolved, nothing
 * verified. Missing Type means Seal; BaseLoc may be absolute or relative to Signatures.xml.
 */
import { ofdError } from './errors.js';
import { parseBox } from './geometry.js';
import type { OfdPackage } from './package.js';
import type { OfdReference, OfdSignatureEntry, OfdSignatures, OfdStampAnnot } from './types.js';
import { child, childText, childrenNamed, type XmlElement } from './xml.js';

function readEntry(
  pkg: OfdPackage,
  signaturesPart: string,
  el: XmlElement,
  index: number,
): OfdSignatureEntry {
  const id = el.attrs.ID ?? String(index);
  const baseLoc = el.attrs.BaseLoc;
  if (!baseLoc) throw ofdError('OFD_MALFORMED', `signature ${id} has no BaseLoc`, { signature: id });
  const part = pkg.resolve(signaturesPart, baseLoc);
  const root = pkg.readXml(part);
  if (root.name !== 'Signature') {
    throw ofdError('OFD_MALFORMED', `${part} is not a Signature part`, { part, root: root.name });
  }
  const info = child(root, 'SignedInfo');
  const refsEl = child(info, 'References');
  const refEls = childrenNamed(refsEl, 'Reference');
  if (refEls.length > pkg.limits.maxReferences) {
    throw ofdError('OFD_LIMIT_EXCEEDED', `signature ${id} has ${refEls.length} references`, {
      signature: id,
      maxReferences: pkg.limits.maxReferences,
    });
  }
  const references: OfdReference[] = refEls.map((r) => {
    const fileRef = r.attrs.FileRef ?? '';
    return { fileRef, part: pkg.resolve(part, fileRef), checkValue: childText(r, 'CheckValue') ?? '' };
  });
  const stampAnnots: OfdStampAnnot[] = childrenNamed(info, 'StampAnnot').map((s, i) => {
    const where = `${part} StampAnnot ${s.attrs.ID ?? i}`;
    return {
      ...(s.attrs.ID ? { id: s.attrs.ID } : {}),
      pageRef: s.attrs.PageRef ?? '',
      boundary: parseBox(s.attrs.Boundary, where),
      ...(s.attrs.Clip ? { clip: parseBox(s.attrs.Clip, `${where} Clip`) } : {}),
    };
  });
  const provider = child(info, 'Provider');
  const sealLoc = childText(child(info, 'Seal'), 'BaseLoc');
  const signedValue = childText(root, 'SignedValue');
  if (!signedValue) throw ofdError('OFD_MALFORMED', `${part} names no SignedValue`, { part });
  const type = el.attrs.Type === 'Sign' ? 'Sign' : 'Seal';
  const text = (name: string) => childText(info, name);
  return {
    id,
    type,
    part,
    ...(provider
      ? {
          provider: {
            ...(provider.attrs.ProviderName ? { name: provider.attrs.ProviderName } : {}),
            ...(provider.attrs.Company ? { company: provider.attrs.Company } : {}),
            ...(provider.attrs.Version ? { version: provider.attrs.Version } : {}),
          },
        }
      : {}),
    ...(text('SignatureMethod') ? { signatureMethod: text('SignatureMethod') } : {}),
    ...(text('SignatureDateTime') ? { signatureDateTime: text('SignatureDateTime') } : {}),
    ...(refsEl?.attrs.CheckMethod ? { checkMethod: refsEl.attrs.CheckMethod.trim() } : {}),
    references,
    stampAnnots,
    ...(sealLoc ? { sealPart: pkg.resolve(part, sealLoc) } : {}),
    signedValuePart: pkg.resolve(part, signedValue),
  };
}

/** The signatures listed by `signaturesPart` (a package path, e.g. "Doc_0/Signs/Signatures.xml"). */
export function readOfdSignatures(pkg: OfdPackage, signaturesPart: string): OfdSignatures {
  const root = pkg.readXml(signaturesPart);
  if (root.name !== 'Signatures') {
    throw ofdError('OFD_MALFORMED', `${signaturesPart} is not a Signatures part`, { part: signaturesPart });
  }
  const list = childrenNamed(root, 'Signature');
  if (list.length > pkg.limits.maxSignatures) {
    throw ofdError('OFD_LIMIT_EXCEEDED', `${list.length} signatures, more than ${pkg.limits.maxSignatures}`);
  }
  const maxSignId = childText(root, 'MaxSignId');
  return {
    part: signaturesPart,
    ...(maxSignId ? { maxSignId } : {}),
    entries: list.map((el, i) => readEntry(pkg, signaturesPart, el, i)),
  };
}

/**
 * Package path of Signatures.xml named by the first DocBody of OFD.xml (relative to the root), or
 * undefined when the file has no signatures element.
 */
export function signaturesPartOf(pkg: OfdPackage): string | undefined {
  const root = pkg.readXml('OFD.xml');
  const loc = childText(child(root, 'DocBody'), 'Signatures');
  return loc ? pkg.resolve('OFD.xml', loc) : undefined;
}
