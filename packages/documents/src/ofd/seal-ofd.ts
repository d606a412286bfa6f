/**
 * Electronic seals in OFD files (GB/T 33190 §18, GB/T 38540; STANDARDS.md §12.5, §13): a
 * Signature.xml listing the SM3 digest of every protected part and where the seal shows
 * (StampAnnot), the seal itself (Seal.esl) and an SES_Signature over SM3(Signature.xml)
 * (SignedValue.dat). Existing parts keep their bytes — unchanged zip entries are copied as stored —
 * so earlier signatures stay valid unless they protect Signatures.xml (whole-document protection),
 * in which case sealing is refused rather than breaking them.
 */
import {
  createSesSignature,
  decodeSeal,
  decodeSesSignature,
  encodeSesSignature,
  sm3,
  type SesSeal,
  type SesSignFunction,
} from '@zhengyin/gm';
import { ofdError } from './errors.js';
import { boxText, parseBox } from './geometry.js';
import { OfdPackage, ofdLimits } from './package.js';
import { absoluteOfdPath, directoryOf } from './paths.js';
import { findKeyword } from './seal-ofd-keyword.js';
import { readOfdSignatures, signaturesPartOf } from './signatures.js';
import type { OfdBox, OfdSignatures } from './types.js';
import { OFD_WRITER_VERSION } from './write-face.js';
import { el, textEl, xmlEscape, xmlPart } from './write-xml.js';
import { XmlTextPart } from './write-edit.js';
import { child, childText, childrenNamed, OFD_NAMESPACES, parseXml, type XmlElement } from './xml.js';
import { writeOfdZip, type OfdZipEntry } from './zip-write.js';

export type OfdSealPlacement =
  /** Box top-left in mm from the page's top-left corner; size defaults to the seal picture's. */
  | {
      readonly kind: 'box';
      /** 0-based page index. */
      readonly page: number;
      readonly xMm: number;
      readonly yMm: number;
      readonly widthMm?: number;
      readonly heightMm?: number;
    }
  /**
   * 骑缝章: one signature, one StampAnnot per page, each showing a 1/n slice of the seal at the
   * page's right edge (Clip). `yMm` is the top of the seal (default: centred vertically).
   */
  | { readonly kind: 'riding'; readonly yMm?: number; readonly pages?: 'all' }
  /** Centred on the n-th occurrence (1-based; default the last) of a text found in one TextCode. */
  | { readonly kind: 'keyword'; readonly keyword: string; readonly occurrence?: number };

export interface SealOfdRequest {
  readonly ofd: Uint8Array;
  /** DER SESeal v4 (GB/T 38540). */
  readonly sesSeal: Uint8Array;
  /** DER of the signer certificate; must be in the seal's certificate list. */
  readonly signerCertificate: Uint8Array;
  /** SM2 over the exact bytes given (key in the key vault). */
  readonly sign: SesSignFunction;
  readonly placement: OfdSealPlacement;
  readonly signingTime: Date;
  /**
   * 'continue' (default): Signatures.xml is not protected, so later seals keep this one valid.
   * 'whole': it is; no later seal can be added without breaking this one (refused by sealOfd).
   */
  readonly protection?: 'continue' | 'whole';
  /**
   * Default true. False leaves the annotation index and the page annotation files unprotected, so
   * that a 加注件 layer can be added later (the issuing seal of a licence).
   */
  readonly coverAnnotations?: boolean;
  /** RFC 3161 token (or other time-stamp) over the signature value: the SES timeStamp field. */
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  readonly provider?: { readonly name: string; readonly company?: string; readonly version?: string };
  /** Largest input accepted (default 64 MiB). */
  readonly maxBytes?: number;
}

export interface SealOfdResult {
  readonly ofd: Uint8Array;
  /** ID of the new entry in Signatures.xml. */
  readonly signatureId: string;
  /** Package path of the new Signature.xml, e.g. "Doc_0/Signs/Sign_0/Signature.xml". */
  readonly signaturePart: string;
  /** DER SES_Signature written to SignedValue.dat. */
  readonly signedValue: Uint8Array;
  /** 0-based indexes of the pages that show the seal. */
  readonly pages: readonly number[];
}

export const DEFAULT_MAX_OFD_SEAL_BYTES = 64 * 1024 * 1024;
export const OID_SM3_WITH_SM2 = '1.2.156.10197.1.501';
export const OID_SM3 = '1.2.156.10197.1.401';

const invalid = (message: string, details?: Record<string, unknown>) =>
  ofdError('OFD_INPUT_INVALID', message, details);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const positive = (v: unknown): v is number => finite(v) && v > 0;
const EPS = 1e-6;

/** Checks the request's shape (OFD_INPUT_INVALID); the seal and certificate are checked when signing. */
export function validateSealRequest(request: SealOfdRequest): void {
  if (typeof request !== 'object' || request === null) throw invalid('a request is required');
  for (const key of ['ofd', 'sesSeal', 'signerCertificate'] as const) {
    if (!(request[key] instanceof Uint8Array) || request[key].length === 0)
      throw invalid(`${key} must be non-empty bytes`, { field: key });
  }
  if (typeof request.sign !== 'function') throw invalid('sign must be a function');
  if (!(request.signingTime instanceof Date) || Number.isNaN(request.signingTime.getTime()))
    throw invalid('signingTime must be a date');
  if (request.protection !== undefined && !['continue', 'whole'].includes(request.protection))
    throw invalid('protection must be continue or whole');
  if (request.timestamp !== undefined && typeof request.timestamp !== 'function')
    throw invalid('timestamp must be a function');
  const provider = request.provider;
  if (provider !== undefined && (typeof provider?.name !== 'string' || provider.name.trim() === ''))
    throw invalid('provider.name is required');
  const p = request.placement;
  if (typeof p !== 'object' || p === null) throw invalid('placement is required');
  if (p.kind === 'box') {
    if (!Number.isInteger(p.page) || p.page < 0) throw invalid('placement.page must be a page index ≥ 0');
    if (!finite(p.xMm) || !finite(p.yMm)) throw invalid('placement.xMm and yMm must be numbers');
    if (
      (p.widthMm !== undefined && !positive(p.widthMm)) ||
      (p.heightMm !== undefined && !positive(p.heightMm))
    )
      throw invalid('placement.widthMm and heightMm must be positive');
  } else if (p.kind === 'riding') {
    if (p.yMm !== undefined && !finite(p.yMm)) throw invalid('placement.yMm must be a number');
    if (p.pages !== undefined && p.pages !== 'all') throw invalid("placement.pages must be 'all'");
  } else if (p.kind === 'keyword') {
    if (typeof p.keyword !== 'string' || p.keyword.trim() === '')
      throw invalid('placement.keyword is required');
    if (p.occurrence !== undefined && (!Number.isInteger(p.occurrence) || p.occurrence < 1))
      throw invalid('placement.occurrence must be a whole number ≥ 1');
  } else {
    throw invalid('placement.kind must be box, riding or keyword');
  }
}

/** What readers assume when neither Document.xml nor the page gives a PhysicalBox. */
const A4: OfdBox = { x: 0, y: 0, width: 210, height: 297 };

/** A page of the document: its ID (what PageRef names), Content.xml and physical box. */
export interface SealPage {
  readonly index: number;
  readonly id: string;
  readonly part: string;
  readonly box: OfdBox;
}

/** The first document of the package: OFD.xml, Document.xml, pages. */
export interface OfdStructure {
  readonly documentPart: string;
  readonly document: XmlElement;
  readonly pages: readonly SealPage[];
}

export function readStructure(pkg: OfdPackage): OfdStructure {
  const ofd = pkg.readXml('OFD.xml');
  if (ofd.name !== 'OFD' || !OFD_NAMESPACES.includes(ofd.ns)) {
    throw ofdError('OFD_MALFORMED', 'OFD.xml is not an OFD root element', { root: ofd.name, ns: ofd.ns });
  }
  const docRoot = childText(child(ofd, 'DocBody'), 'DocRoot');
  if (!docRoot) throw ofdError('OFD_MALFORMED', 'OFD.xml names no DocRoot');
  const documentPart = pkg.resolve('OFD.xml', docRoot);
  const document = pkg.readXml(documentPart);
  const area = child(child(document, 'CommonData'), 'PageArea');
  const areaText = childText(area, 'PhysicalBox');
  const defaultBox = areaText ? parseBox(areaText, `${documentPart} PageArea`) : A4;
  const pageEls = childrenNamed(child(document, 'Pages'), 'Page');
  if (pageEls.length === 0) throw ofdError('OFD_MALFORMED', `${documentPart} lists no pages`);
  if (pageEls.length > pkg.limits.maxPages) {
    throw ofdError('OFD_LIMIT_EXCEEDED', `${pageEls.length} pages, more than ${pkg.limits.maxPages}`);
  }
  const pages = pageEls.map((p, index): SealPage => {
    const id = p.attrs.ID;
    const loc = p.attrs.BaseLoc;
    if (!id || !loc) throw ofdError('OFD_MALFORMED', `page ${index} has no ID or BaseLoc`, { page: index });
    return { index, id, part: pkg.resolve(documentPart, loc), box: defaultBox };
  });
  return { documentPart, document, pages };
}

/**
 * The page's own PhysicalBox when it has one. Area comes before Content (GB/T 33190 CT_Page), so
 * only the part of Content.xml before the Content element is parsed when that can be cut cleanly.
 */
export function pageBoxOf(
  pkg: OfdPackage,
  page: SealPage,
  read: (part: string) => Uint8Array = (part) => pkg.read(part),
): OfdBox {
  const bytes = read(page.part);
  let root: XmlElement | undefined;
  const text = new TextDecoder().decode(bytes);
  const content = /<([A-Za-z_][\w.-]*:)?Content[\s>/]/.exec(text);
  const rootTag = /<([A-Za-z_][\w.-]*:)?Page[\s>/]/.exec(text);
  if (content && rootTag && rootTag.index < content.index && !text.slice(0, content.index).includes('<!')) {
    try {
      root = parseXml(`${text.slice(0, content.index)}</${rootTag[1] ?? ''}Page>`, page.part, pkg.limits.xml);
    } catch {
      root = undefined;
    }
  }
  root ??= pkg.readXml(page.part);
  const own = childText(child(root, 'Area'), 'PhysicalBox');
  return own ? parseBox(own, `${page.part} Area`) : page.box;
}

interface Stamp {
  readonly page: SealPage;
  readonly boundary: OfdBox;
  readonly clip?: OfdBox;
}

function inside(b: OfdBox, page: OfdBox): boolean {
  return (
    b.x >= page.x - EPS &&
    b.y >= page.y - EPS &&
    b.x + b.width <= page.x + page.width + EPS &&
    b.y + b.height <= page.y + page.height + EPS
  );
}

function stamps(
  pkg: OfdPackage,
  pages: readonly SealPage[],
  p: OfdSealPlacement,
  seal: SesSeal,
  read: (part: string) => Uint8Array,
): Stamp[] {
  const pictureWidth = seal.sealInfo.picture.width;
  const pictureHeight = seal.sealInfo.picture.height;
  if (p.kind === 'box' || p.kind === 'keyword') {
    const width = (p.kind === 'box' ? p.widthMm : undefined) ?? pictureWidth;
    const height = (p.kind === 'box' ? p.heightMm : undefined) ?? pictureHeight;
    if (!positive(width) || !positive(height)) throw invalid('the seal picture has no usable size');
    let index: number;
    let boundary: OfdBox;
    if (p.kind === 'box') {
      index = p.page;
      boundary = { x: p.xMm, y: p.yMm, width, height };
    } else {
      const hit = findKeyword(pkg, pages, p.keyword, p.occurrence);
      index = hit.page;
      boundary = { x: hit.x - width / 2, y: hit.y - height / 2, width, height };
    }
    const page = pages[index];
    if (!page)
      throw invalid(`page ${index} does not exist (the document has ${pages.length})`, { page: index });
    const box = pageBoxOf(pkg, page, read);
    if (!inside(boundary, box)) {
      throw invalid(`the seal (${boxText(boundary)}) lies outside page ${index} (${boxText(box)})`, {
        page: index,
      });
    }
    return [{ page, boundary }];
  }
  if (pages.length < 2) throw invalid('a riding seal needs at least two pages');
  const slice = pictureWidth / pages.length;
  return pages.map((page, i) => {
    const box = pageBoxOf(pkg, page, read);
    const y = p.yMm ?? box.y + (box.height - pictureHeight) / 2;
    const boundary = {
      x: box.x + box.width - (i + 1) * slice,
      y,
      width: pictureWidth,
      height: pictureHeight,
    };
    if (pictureWidth > box.width || y < box.y - EPS || y + pictureHeight > box.y + box.height + EPS) {
      throw invalid(`the riding seal does not fit page ${i}`, { page: i });
    }
    return { page, boundary, clip: { x: i * slice, y: 0, width: slice, height: pictureHeight } };
  });
}

/** Next free ID after every numeric ID of Signatures.xml (signatures, MaxSignId, stamps). */
function nextSignId(existing: OfdSignatures | undefined): number {
  const ids = [
    existing?.maxSignId,
    ...(existing?.entries ?? []).flatMap((e) => [e.id, ...e.stampAnnots.map((s) => s.id)]),
  ];
  let max = 0;
  for (const id of ids) {
    const m = id ? /(\d+)$/.exec(id) : null;
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** `yyyyMMddHHmmssZ` (UTC), as in SignatureDateTime of real files. */
const signatureDateTime = (at: Date): string => `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

const lower = (p: string) => p.toLowerCase();

/** Parts of the annotation layer: the index named by Document.xml and the page files it lists. */
function annotationParts(
  structure: OfdStructure,
  read: (part: string) => Uint8Array | undefined,
  parse: (part: string, bytes: Uint8Array) => XmlElement,
  resolve: (from: string, loc: string) => string,
): string[] {
  const loc = childText(structure.document, 'Annotations');
  if (!loc) return [];
  const index = resolve(structure.documentPart, loc);
  const bytes = read(index);
  if (!bytes) return [index];
  const files = childrenNamed(parse(index, bytes), 'Page')
    .map((p) => childText(p, 'FileLoc'))
    .filter((f): f is string => !!f)
    .map((f) => resolve(index, f));
  return [index, ...files];
}

/**
 * Seals `pkg` with some parts replaced or added first (`changes`, package paths): what annotateOfd
 * uses to add its annotation and seal it in one step. Parts an existing signature protects must
 * not be among the changes.
 */
export async function sealOfdPackage(
  pkg: OfdPackage,
  request: SealOfdRequest,
  changes: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<SealOfdResult> {
  const seal = decodeSeal(request.sesSeal);
  const structure = readStructure(pkg);
  // Parts are inflated once even when placement and digests both need them.
  const reads = new Map<string, Uint8Array>();
  const read = (part: string): Uint8Array => {
    let bytes = reads.get(part);
    if (!bytes) reads.set(part, (bytes = pkg.read(part)));
    return bytes;
  };
  const docDir = directoryOf(structure.documentPart);
  const updated = new Map(changes);

  // OFD.xml → Signatures.xml, created when the file has none.
  let signaturesPart = signaturesPartOf(pkg);
  if (!signaturesPart) {
    signaturesPart = `${docDir}Signs/Signatures.xml`;
    const ofdXml = new XmlTextPart('OFD.xml', read('OFD.xml'));
    ofdXml.append(
      ['OFD', 'DocBody'],
      `<${ofdXml.prefix}Signatures>${absoluteOfdPath(signaturesPart)}</${ofdXml.prefix}Signatures>`,
    );
    updated.set(
      'OFD.xml',
      checked(pkg, 'OFD.xml', ofdXml, (root) => {
        const loc = childText(child(root, 'DocBody'), 'Signatures');
        return loc !== undefined && pkg.resolve('OFD.xml', loc) === signaturesPart;
      }),
    );
  }
  const existing = pkg.has(signaturesPart) ? readOfdSignatures(pkg, signaturesPart) : undefined;
  const guarded = new Set([...changes.keys(), signaturesPart].map(lower));
  for (const entry of existing?.entries ?? []) {
    const hit = entry.references.find((r) => guarded.has(lower(r.part)));
    if (hit) {
      const whole = lower(hit.part) === lower(signaturesPart);
      throw invalid(
        whole
          ? `signature ${entry.id} protects the whole document (${hit.part}): a further seal would break it`
          : `signature ${entry.id} protects ${hit.part}, which this change would break`,
        { signature: entry.id, part: hit.part },
      );
    }
  }

  const firstId = nextSignId(existing);
  const placed = stamps(pkg, structure.pages, request.placement, seal, read);
  const signatureId = String(firstId);
  const maxSignId = String(firstId + placed.length);

  const signsDir = directoryOf(signaturesPart);
  const taken = new Set(pkg.files().map(lower));
  let n = 0;
  while ([...taken].some((f) => f.startsWith(lower(`${signsDir}Sign_${n}/`)))) n++;
  const signDir = `${signsDir}Sign_${n}/`;
  const signaturePart = `${signDir}Signature.xml`;
  const signedValuePart = `${signDir}SignedValue.dat`;
  const sealPart = `${signDir}Seal.esl`;

  const entryXml = (prefix: string) =>
    `<${prefix}Signature ID="${signatureId}" Type="Seal" BaseLoc="${xmlEscape(absoluteOfdPath(signaturePart), true)}"/>`;
  if (existing) {
    const signatures = new XmlTextPart(signaturesPart, read(signaturesPart));
    const p = signatures.prefix;
    if (signatures.has(['Signatures', 'MaxSignId']))
      signatures.setText(['Signatures', 'MaxSignId'], maxSignId);
    else signatures.prepend(['Signatures'], `<${p}MaxSignId>${maxSignId}</${p}MaxSignId>`);
    signatures.append(['Signatures'], entryXml(p));
    const count = existing.entries.length + 1;
    updated.set(
      signaturesPart,
      checked(pkg, signaturesPart, signatures, (root) => {
        const list = childrenNamed(root, 'Signature');
        return (
          list.length === count &&
          list.at(-1)?.attrs.ID === signatureId &&
          childText(root, 'MaxSignId') === maxSignId
        );
      }),
    );
  } else {
    updated.set(signaturesPart, xmlPart('Signatures', {}, textEl('MaxSignId', maxSignId), entryXml('ofd:')));
  }
  updated.set(sealPart, seal.der);

  const protection = request.protection ?? 'continue';
  const excluded = new Set<string>();
  if (protection === 'continue') excluded.add(lower(signaturesPart));
  if (request.coverAnnotations === false) {
    const parts = annotationParts(
      structure,
      (part) => updated.get(part) ?? (pkg.has(part) ? read(part) : undefined),
      (part, bytes) => parseXml(bytes, part, pkg.limits.xml),
      (from, loc) => pkg.resolve(from, loc),
    );
    for (const part of parts) excluded.add(lower(part));
  }
  const originalFiles = pkg.files();
  const known = new Set(originalFiles.map(lower));
  const added = [...updated.keys()].filter((p) => !known.has(lower(p)));
  const protectedParts = [...originalFiles, ...added].filter((p) => !excluded.has(lower(p)));
  const bytesOf = (part: string): Uint8Array => updated.get(part) ?? read(part);

  const provider = request.provider ?? { name: 'zhengyin', company: 'zhengyin', version: OFD_WRITER_VERSION };
  const signatureXml = xmlPart(
    'Signature',
    {},
    el(
      'SignedInfo',
      {},
      el('Provider', { ProviderName: provider.name, Version: provider.version, Company: provider.company }),
      textEl('SignatureMethod', OID_SM3_WITH_SM2),
      textEl('SignatureDateTime', signatureDateTime(request.signingTime)),
      el(
        'References',
        { CheckMethod: OID_SM3 },
        ...protectedParts.map((part) =>
          el(
            'Reference',
            { FileRef: absoluteOfdPath(part) },
            textEl('CheckValue', Buffer.from(sm3(bytesOf(part))).toString('base64')),
          ),
        ),
      ),
      ...placed.map((s, i) =>
        el('StampAnnot', {
          ID: String(firstId + 1 + i),
          PageRef: s.page.id,
          Boundary: boxText(s.boundary),
          Clip: s.clip ? boxText(s.clip) : undefined,
        }),
      ),
      el('Seal', {}, textEl('BaseLoc', absoluteOfdPath(sealPart))),
    ),
    textEl('SignedValue', absoluteOfdPath(signedValuePart)),
  );

  const signature = await createSesSignature({
    seal,
    dataHash: sm3(signatureXml),
    propertyInfo: absoluteOfdPath(signaturePart),
    signerCertificate: request.signerCertificate,
    sign: request.sign,
    timeInfo: request.signingTime,
  });
  const signedValue = request.timestamp
    ? withTimeStamp(signature, await request.timestamp(signature.signature))
    : signature.der;

  const entries: OfdZipEntry[] = pkg.names().map((name) => {
    const data = updated.get(name);
    return data ? { name, data } : { name, stored: pkg.stored(name) };
  });
  for (const name of added) entries.push({ name, data: updated.get(name) as Uint8Array });
  entries.push(
    { name: signaturePart, data: signatureXml },
    { name: signedValuePart, data: signedValue, deflate: false },
  );
  return {
    ofd: writeOfdZip(entries, request.signingTime),
    signatureId,
    signaturePart,
    signedValue,
    pages: placed.map((s) => s.page.index),
  };
}

/** The edited part, re-parsed and checked: a producer's odd layout must not yield a wrong edit. */
function checked(
  pkg: OfdPackage,
  part: string,
  edited: XmlTextPart,
  ok: (root: XmlElement) => boolean,
): Uint8Array {
  const bytes = edited.bytes();
  if (!ok(parseXml(bytes, part, pkg.limits.xml))) {
    throw ofdError('OFD_UNSUPPORTED', `${part} could not be updated in place`, { part });
  }
  return bytes;
}

/** SES_Signature with the timeStamp field ([0] EXPLICIT BIT STRING); the signed TBS is unchanged. */
function withTimeStamp(signature: ReturnType<typeof decodeSesSignature>, token: Uint8Array): Uint8Array {
  if (!(token instanceof Uint8Array) || token.length === 0)
    throw invalid('the time-stamp callback returned no bytes');
  const der = encodeSesSignature({ ...signature, timeStamp: token, timeStampTagging: 'explicit' });
  const again = decodeSesSignature(der);
  if (
    Buffer.compare(again.tbs.der, signature.tbs.der) !== 0 ||
    Buffer.compare(again.signature, signature.signature) !== 0
  )
    throw ofdError('OFD_INPUT_INVALID', 'adding the time-stamp changed the signed structure');
  return der;
}

/**
 * Seal an OFD file with a GB/T 38540 seal (see SealOfdRequest). Throws DocumentError
 * OFD_INPUT_INVALID (bad request, page out of range, seal outside the page, whole-document
 * protection), the OFD_* codes of OfdPackage for unreadable files, and GmError from
 * createSesSignature (seal not v4, not valid at signingTime, signer not in the seal's list, key
 * mismatch). Nothing is returned then.
 */
export async function sealOfd(request: SealOfdRequest): Promise<SealOfdResult> {
  validateSealRequest(request);
  const pkg = OfdPackage.open(
    request.ofd,
    ofdLimits({ maxBytes: request.maxBytes ?? DEFAULT_MAX_OFD_SEAL_BYTES }),
  );
  return sealOfdPackage(pkg, request);
}
