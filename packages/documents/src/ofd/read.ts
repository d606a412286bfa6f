/**
 * The OFD reader (GB/T 33190): OFD.xml → one DocBody → Document.xml, with resources, templates,
 * annotation index, attachments and custom tags read at open; pages are parsed only when asked for.
 */
import { ofdError } from './errors.js';
import { parseBox } from './geometry.js';
import { OfdPackage, ofdLimits } from './package.js';
import { readAnnotationIndex } from './read-annotations.js';
import { readCustomTags } from './read-custom-tags.js';
import { readPage, type OfdTemplateRef, type PageContext } from './read-page.js';
import { readResourceParts } from './read-resources.js';
import { parseNumber } from './read-values.js';
import type { OfdAttachment, OfdBox, OfdDocInfo, OfdDocument, OfdPage, OfdPageRef } from './types.js';
import { child, childText, childrenNamed, OFD_NAMESPACES, type XmlElement } from './xml.js';

export interface OpenOfdOptions {
  /** Limits for a package opened from bytes (an OfdPackage keeps its own). */
  readonly limits?: Parameters<typeof ofdLimits>[0];
  /** Which DocBody of OFD.xml to open; default 0. */
  readonly docIndex?: number;
}

/** Used when Document.xml has no CommonData/PageArea and a page no Area. */
const A4: OfdBox = { x: 0, y: 0, width: 210, height: 297 };

function readDocInfo(el: XmlElement | undefined): OfdDocInfo {
  const text = (name: string) => {
    const t = childText(el, name);
    return t ? { [name.charAt(0).toLowerCase() + name.slice(1)]: t } : {};
  };
  const docId = childText(el, 'DocID');
  return {
    ...(docId ? { docId } : {}),
    ...text('Title'),
    ...text('Author'),
    ...text('Subject'),
    ...text('Creator'),
    ...text('CreatorVersion'),
    ...text('CreationDate'),
    ...text('ModDate'),
    customData: childrenNamed(child(el, 'CustomDatas'), 'CustomData').map((c) => ({
      name: c.attrs.Name ?? '',
      value: c.text.trim(),
    })),
  };
}

function readAttachments(pkg: OfdPackage, part: string): OfdAttachment[] {
  const root = pkg.readXml(part);
  if (root.name !== 'Attachments') {
    throw ofdError('OFD_MALFORMED', `${part} is not an Attachments part`, { part, root: root.name });
  }
  return childrenNamed(root, 'Attachment').map((a, i) => {
    const loc = childText(a, 'FileLoc');
    const where = `${part} Attachment ${a.attrs.ID ?? i}`;
    if (!loc) throw ofdError('OFD_MALFORMED', `${where}: no FileLoc`, { where });
    const size = parseNumber(a.attrs.Size, `${where} Size`);
    return {
      ...(a.attrs.ID ? { id: a.attrs.ID } : {}),
      name: a.attrs.Name ?? '',
      ...(a.attrs.Format ? { format: a.attrs.Format } : {}),
      file: pkg.resolve(part, loc),
      ...(size !== undefined ? { size } : {}),
    };
  });
}

function readPageRefs(pkg: OfdPackage, documentPart: string, doc: XmlElement): OfdPageRef[] {
  const list = childrenNamed(child(doc, 'Pages'), 'Page');
  if (list.length > pkg.limits.maxPages) {
    throw ofdError('OFD_LIMIT_EXCEEDED', `${list.length} pages, more than ${pkg.limits.maxPages}`, {
      pages: list.length,
      maxPages: pkg.limits.maxPages,
    });
  }
  return list.map((p, i) => {
    const id = p.attrs.ID?.trim();
    const loc = p.attrs.BaseLoc;
    if (!id || !loc?.trim()) {
      throw ofdError('OFD_MALFORMED', `${documentPart}: page ${i} has no ID or BaseLoc`, {
        part: documentPart,
        page: i,
      });
    }
    return { id, part: pkg.resolve(documentPart, loc) };
  });
}

function readTemplates(pkg: OfdPackage, documentPart: string, common: XmlElement | undefined) {
  const templates = new Map<string, OfdTemplateRef>();
  for (const t of childrenNamed(common, 'TemplatePage')) {
    const id = t.attrs.ID?.trim();
    const loc = t.attrs.BaseLoc;
    if (!id || !loc?.trim()) {
      throw ofdError('OFD_MALFORMED', `${documentPart}: a TemplatePage without ID or BaseLoc`, {
        part: documentPart,
      });
    }
    templates.set(id, {
      id,
      part: pkg.resolve(documentPart, loc),
      ...(t.attrs.ZOrder ? { zOrder: t.attrs.ZOrder } : {}),
    });
  }
  return templates;
}

function pageOf(context: PageContext, pages: readonly OfdPageRef[], index: number): OfdPage {
  const ref = pages[index];
  if (!Number.isInteger(index) || !ref) {
    throw ofdError('OFD_INPUT_INVALID', `no page ${index}: the document has ${pages.length}`, {
      index,
      pages: pages.length,
    });
  }
  return readPage(context, ref, index);
}

export function openOfd(input: Uint8Array | OfdPackage, options: OpenOfdOptions = {}): OfdDocument {
  const pkg = input instanceof OfdPackage ? input : OfdPackage.open(input, ofdLimits(options.limits));
  if (!pkg.has('OFD.xml')) throw ofdError('OFD_MALFORMED', 'not an OFD package: no OFD.xml at the root');
  const root = pkg.readXml('OFD.xml');
  if (!OFD_NAMESPACES.includes(root.ns)) {
    throw ofdError('OFD_NAMESPACE_UNKNOWN', `OFD.xml is in the namespace "${root.ns}", not an OFD one`, {
      namespace: root.ns,
    });
  }
  if (root.name !== 'OFD') throw ofdError('OFD_MALFORMED', `OFD.xml has the root ${root.name}, not OFD`);

  const bodies = childrenNamed(root, 'DocBody');
  if (bodies.length === 0) throw ofdError('OFD_MALFORMED', 'OFD.xml has no DocBody');
  const docIndex = options.docIndex ?? 0;
  const body = bodies[docIndex];
  if (!Number.isInteger(docIndex) || !body) {
    throw ofdError('OFD_INPUT_INVALID', `no DocBody ${docIndex}: OFD.xml has ${bodies.length}`, {
      docIndex,
      docBodyCount: bodies.length,
    });
  }
  const docRoot = childText(body, 'DocRoot');
  if (!docRoot) throw ofdError('OFD_MALFORMED', `DocBody ${docIndex} has no DocRoot`);
  const documentPart = pkg.resolve('OFD.xml', docRoot);
  const signaturesLoc = childText(body, 'Signatures');

  const doc = pkg.readXml(documentPart);
  if (doc.name !== 'Document') {
    throw ofdError('OFD_MALFORMED', `${documentPart} is not a Document part`, {
      part: documentPart,
      root: doc.name,
    });
  }
  const common = child(doc, 'CommonData');
  const areaText = childText(child(common, 'PageArea'), 'PhysicalBox');
  const pageArea = areaText ? parseBox(areaText, `${documentPart} PageArea PhysicalBox`) : A4;
  const maxUnitId = parseNumber(childText(common, 'MaxUnitID'), `${documentPart} MaxUnitID`);
  const pages = readPageRefs(pkg, documentPart, doc);
  const resLocations = (name: string) =>
    childrenNamed(common, name)
      .map((r) => r.text.trim())
      .filter(Boolean);
  const resources = readResourceParts(pkg, documentPart, [
    ...resLocations('PublicRes'),
    ...resLocations('DocumentRes'),
  ]);

  const located = (name: string) => {
    const loc = childText(doc, name);
    return loc ? pkg.resolve(documentPart, loc) : undefined;
  };
  const annotationsPart = located('Annotations');
  const customTagsPart = located('CustomTags');
  const attachmentsPart = located('Attachments');

  const context: PageContext = {
    pkg,
    pageArea,
    resources,
    templates: readTemplates(pkg, documentPart, common),
    annotations: annotationsPart ? readAnnotationIndex(pkg, annotationsPart) : new Map(),
  };
  return {
    package: pkg,
    docBodyCount: bodies.length,
    docIndex,
    ...(root.attrs.Version ? { version: root.attrs.Version } : {}),
    namespace: root.ns,
    docInfo: readDocInfo(child(body, 'DocInfo')),
    documentPart,
    ...(signaturesLoc ? { signaturesPart: pkg.resolve('OFD.xml', signaturesLoc) } : {}),
    ...(annotationsPart ? { annotationsPart } : {}),
    ...(customTagsPart ? { customTagsPart } : {}),
    ...(attachmentsPart ? { attachmentsPart } : {}),
    pageArea,
    pages,
    ...(maxUnitId !== undefined ? { maxUnitId } : {}),
    customTags: customTagsPart ? readCustomTags(pkg, customTagsPart) : [],
    attachments: attachmentsPart ? readAttachments(pkg, attachmentsPart) : [],
    page: (index: number) => pageOf(context, pages, index),
    read: (part: string) => pkg.read(part),
  };
}
