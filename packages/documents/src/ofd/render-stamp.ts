/**
 * Seals of the document's signatures drawn where their StampAnnots say: the seal picture from
 * SignedValue.dat (SES_Signature → SESeal → picture) stretched over the annotation's Boundary and
 * cut to its Clip (a riding seal shows one slice per page). A picture of type "ofd" is itself an OFD
 * document: its first page is drawn as vectors. Nothing is verified here: a seal is drawn because
 * the file shows it, as any viewer would; a signature that does not decode is skipped.
 */
import type { Canvas } from '@napi-rs/canvas';
import { decodeSesSignature, type SesPictureInfo } from '@zhengyin/gm';
import { multiply, type Matrix } from '../seal-image/draw.js';
import { openOfd } from './read.js';
import { PageDrawer, scale, translate, type DrawSession } from './render-draw.js';
import { decodeImage } from './render-image.js';
import { readOfdSignatures } from './signatures.js';
import type { OfdBox, OfdDocument, OfdPage, OfdStampAnnot } from './types.js';

/** Seal OFDs inside seal OFDs: the page itself is depth 0, its seal pictures depth 1. */
export const MAX_STAMP_DEPTH = 2;

export interface PageStamp {
  readonly picture: SesPictureInfo;
  readonly annot: OfdStampAnnot;
}

/** Seal pictures to show on `page`, in signature order; unreadable signatures are left out. */
export function stampsOnPage(doc: OfdDocument, page: OfdPage): PageStamp[] {
  if (!doc.signaturesPart) return [];
  let entries;
  try {
    entries = readOfdSignatures(doc.package, doc.signaturesPart).entries;
  } catch {
    return [];
  }
  const stamps: PageStamp[] = [];
  for (const entry of entries) {
    const annots = entry.stampAnnots.filter((a) => a.pageRef.trim() === page.id);
    if (annots.length === 0) continue;
    let picture: SesPictureInfo;
    try {
      picture = decodeSesSignature(doc.package.read(entry.signedValuePart)).tbs.seal.sealInfo.picture;
    } catch {
      continue;
    }
    for (const annot of annots) stamps.push({ picture, annot });
  }
  return stamps;
}

const usableBox = (b: OfdBox): boolean =>
  [b.x, b.y, b.width, b.height].every(Number.isFinite) && b.width > 0 && b.height > 0;

/** Draws the page's seals; `pageMatrix` maps page millimetres to pixels. */
export async function drawStamps(
  doc: OfdDocument,
  page: OfdPage,
  pageMatrix: Matrix,
  session: DrawSession,
  depth: number,
): Promise<void> {
  const pictures = new Map<SesPictureInfo, Promise<SealPicture | undefined>>();
  for (const { picture, annot } of stampsOnPage(doc, page)) {
    const b = annot.boundary;
    if (!usableBox(b)) continue;
    let decoded = pictures.get(picture);
    if (!decoded) pictures.set(picture, (decoded = decodePicture(picture)));
    const content = await decoded;
    if (!content) continue;
    const ctx = session.ctx;
    ctx.save();
    try {
      const visible = annot.clip ? { ...annot.clip, x: b.x + annot.clip.x, y: b.y + annot.clip.y } : b;
      ctx.setTransform(...pageMatrix);
      ctx.beginPath();
      ctx.rect(visible.x, visible.y, visible.width, visible.height);
      ctx.clip();
      const box = multiply(pageMatrix, translate(b.x, b.y));
      const unit = multiply(box, scale(b.width, b.height));
      if (content.kind === 'ofd') await drawSealPage(content.doc, unit, session, depth);
      else {
        ctx.setTransform(...unit);
        ctx.drawImage(content.image, 0, 0, 1, 1);
      }
    } finally {
      ctx.restore();
    }
  }
}

type SealPicture = { kind: 'image'; image: Canvas } | { kind: 'ofd'; doc: OfdDocument };

async function decodePicture(picture: SesPictureInfo): Promise<SealPicture | undefined> {
  if (picture.type.toLowerCase() !== 'ofd') {
    const image = await decodeImage(picture.data);
    return image ? { kind: 'image', image } : undefined;
  }
  try {
    const doc = openOfd(picture.data);
    return doc.pages.length > 0 ? { kind: 'ofd', doc } : undefined;
  } catch {
    return undefined;
  }
}

/** The seal document's first page stretched over the unit square that `unit` maps. */
async function drawSealPage(sealDoc: OfdDocument, unit: Matrix, session: DrawSession, depth: number) {
  if (depth + 1 > MAX_STAMP_DEPTH) return;
  let page: OfdPage;
  try {
    page = sealDoc.page(0);
  } catch {
    return;
  }
  const box = page.physicalBox;
  if (!usableBox(box)) return;
  const m = multiply(multiply(unit, scale(1 / box.width, 1 / box.height)), translate(-box.x, -box.y));
  await new PageDrawer(sealDoc, page, session).drawContent(m);
  if (depth + 1 < MAX_STAMP_DEPTH) await drawStamps(sealDoc, page, m, session, depth + 1);
}
