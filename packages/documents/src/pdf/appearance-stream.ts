import { PdfDict, PdfName, PdfStream } from './parse-objects.js';
import type { PdfRef } from './parse-objects.js';
import type { WidgetGeometry } from './placement-geometry.js';
import { formatNumber } from './write-objects.js';

/**
 * Widget appearance streams (/AP /N): a form XObject that draws the seal image at its physical
 * size. A slice of a riding seal draws the whole image shifted left and clipped to the slice, so
 * every page shares one image XObject.
 */

export interface Slice {
  /** 0-based slice number, left to right. */
  readonly index: number;
  readonly count: number;
}

const n = formatNumber;

/**
 * The form XObject of one widget. `sealWidth` × `sealHeight` is the whole seal in points; the
 * widget's bbox is the visible part (the whole seal, or one slice of it).
 */
export function appearanceForm(
  geometry: WidgetGeometry,
  imageRef: PdfRef,
  sealWidth: number,
  sealHeight: number,
  slice?: Slice,
): PdfStream {
  const [, , bw, bh] = geometry.bbox;
  const shift = slice ? -slice.index * (sealWidth / slice.count) : 0;
  const content =
    `q 0 0 ${n(bw)} ${n(bh)} re W n\n` +
    `${n(sealWidth)} 0 0 ${n(sealHeight)} ${n(shift)} 0 cm /Seal Do\nQ\n`;
  const dict = new PdfDict([
    ['Type', new PdfName('XObject')],
    ['Subtype', new PdfName('Form')],
    ['FormType', 1],
    ['BBox', [...geometry.bbox]],
    ['Matrix', [...geometry.matrix]],
    ['Resources', new PdfDict([['XObject', new PdfDict([['Seal', imageRef]])]])],
  ]);
  return new PdfStream(dict, Buffer.from(content, 'latin1'));
}
