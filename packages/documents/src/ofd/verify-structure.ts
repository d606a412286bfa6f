/**
 * The parts of an OFD package a verifier needs to know about, read from OFD.xml and each
 * Document.xml: which Document.xml and Signatures.xml every DocBody names, the page IDs (what
 * StampAnnot/PageRef points at), the annotation index and the page annotation files it lists, and
 * the attachment index. Nothing is rendered; content streams are never parsed.
 */
import { ofdError } from './errors.js';
import type { OfdPackage } from './package.js';
import { OFD_NAMESPACES, child, childText, childrenNamed } from './xml.js';

export interface OfdBodyStructure {
  /** Package path of Document.xml. */
  readonly documentPart: string;
  /** Package path of Signatures.xml, when the DocBody names one. */
  readonly signaturesPart?: string;
  /** Pages in order: ID (what PageRef names) and package path of Content.xml. */
  readonly pages: readonly { readonly id: string; readonly part: string }[];
  /** Package path of the annotation index (Annotations.xml), when named. */
  readonly annotationsPart?: string;
  /** Page annotation files listed by the annotation index, with the page ID they belong to. */
  readonly annotationFiles: readonly { readonly pageId: string; readonly part: string }[];
  /** Package path of the attachment index (Attachments.xml), when named. */
  readonly attachmentsPart?: string;
}

export interface OfdStructure {
  /** Namespace of OFD.xml (2016, or the 2012 pre-standard one). */
  readonly namespace: string;
  readonly bodies: readonly OfdBodyStructure[];
}

function readAnnotationIndex(pkg: OfdPackage, part: string): OfdBodyStructure['annotationFiles'] {
  if (!pkg.has(part)) return [];
  const root = pkg.readXml(part);
  if (root.name !== 'Annotations') {
    throw ofdError('OFD_MALFORMED', `${part} is not an annotation index`, { part, root: root.name });
  }
  return childrenNamed(root, 'Page').flatMap((page) => {
    const loc = childText(page, 'FileLoc');
    return loc ? [{ pageId: page.attrs.PageID ?? '', part: pkg.resolve(part, loc) }] : [];
  });
}

function readBody(pkg: OfdPackage, docRoot: string, signaturesLoc: string | undefined): OfdBodyStructure {
  const documentPart = pkg.resolve('OFD.xml', docRoot);
  const doc = pkg.readXml(documentPart);
  if (doc.name !== 'Document') {
    throw ofdError('OFD_MALFORMED', `${documentPart} is not a Document part`, { part: documentPart });
  }
  const pageEls = childrenNamed(child(doc, 'Pages'), 'Page');
  if (pageEls.length > pkg.limits.maxPages) {
    throw ofdError('OFD_LIMIT_EXCEEDED', `${pageEls.length} pages, more than ${pkg.limits.maxPages}`, {
      maxPages: pkg.limits.maxPages,
    });
  }
  const pages = pageEls.map((p, i) => {
    const baseLoc = p.attrs.BaseLoc;
    if (!baseLoc) throw ofdError('OFD_MALFORMED', `page ${i + 1} of ${documentPart} has no BaseLoc`);
    return { id: p.attrs.ID ?? '', part: pkg.resolve(documentPart, baseLoc) };
  });
  const annotationsLoc = childText(doc, 'Annotations');
  const annotationsPart = annotationsLoc ? pkg.resolve(documentPart, annotationsLoc) : undefined;
  const attachmentsLoc = childText(doc, 'Attachments');
  return {
    documentPart,
    ...(signaturesLoc ? { signaturesPart: pkg.resolve('OFD.xml', signaturesLoc) } : {}),
    pages,
    ...(annotationsPart ? { annotationsPart } : {}),
    annotationFiles: annotationsPart ? readAnnotationIndex(pkg, annotationsPart) : [],
    ...(attachmentsLoc ? { attachmentsPart: pkg.resolve(documentPart, attachmentsLoc) } : {}),
  };
}

/** Reads OFD.xml and every DocBody's Document.xml; malformed structure throws OFD_* errors. */
export function readOfdStructure(pkg: OfdPackage): OfdStructure {
  const root = pkg.readXml('OFD.xml');
  if (root.name !== 'OFD') throw ofdError('OFD_MALFORMED', 'OFD.xml has no OFD root element');
  if (!OFD_NAMESPACES.includes(root.ns)) {
    throw ofdError('OFD_NAMESPACE_UNKNOWN', `OFD.xml is in namespace "${root.ns}"`, { namespace: root.ns });
  }
  const bodies = childrenNamed(root, 'DocBody').map((body) => {
    const docRoot = childText(body, 'DocRoot');
    if (!docRoot) throw ofdError('OFD_MALFORMED', 'a DocBody of OFD.xml has no DocRoot');
    return readBody(pkg, docRoot, childText(body, 'Signatures'));
  });
  if (bodies.length === 0) throw ofdError('OFD_MALFORMED', 'OFD.xml has no DocBody');
  return { namespace: root.ns, bodies };
}
