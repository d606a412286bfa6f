import type { PageInfo } from './parse-document.js';

/**
 * Page geometry. Callers give positions as seen on screen: points from the lower-left corner of
 * the visible page (crop box, after /Rotate). The writer needs default user space, in which the
 * widget rectangle lives, and an appearance matrix that turns the seal upright on rotated pages.
 */

export const MM_TO_PT = 72 / 25.4;

export type Rect = readonly [number, number, number, number];

/** Width and height of the page as displayed. */
export function displaySize(page: PageInfo): { width: number; height: number } {
  const [x0, y0, x1, y1] = page.cropBox;
  const w = x1 - x0;
  const h = y1 - y0;
  return page.rotate === 90 || page.rotate === 270 ? { width: h, height: w } : { width: w, height: h };
}

/** Display coordinates (from the visible lower-left corner) → default user space. */
export function displayToUser(page: PageInfo, dx: number, dy: number): [number, number] {
  const [x0, y0, x1, y1] = page.cropBox;
  switch (page.rotate) {
    case 90:
      return [x1 - dy, y0 + dx];
    case 180:
      return [x1 - dx, y1 - dy];
    case 270:
      return [x0 + dy, y1 - dx];
    default:
      return [x0 + dx, y0 + dy];
  }
}

export interface WidgetGeometry {
  readonly page: PageInfo;
  /** Annotation rectangle in default user space. */
  readonly rect: Rect;
  /** Form bounding box: the seal (or slice) upright, in points. */
  readonly bbox: Rect;
  /** Form matrix: counter-rotates the appearance against the page's /Rotate. */
  readonly matrix: readonly number[];
}

const MATRICES: Record<PageInfo['rotate'], readonly number[]> = {
  0: [1, 0, 0, 1, 0, 0],
  90: [0, 1, -1, 0, 0, 0],
  180: [-1, 0, 0, -1, 0, 0],
  270: [0, -1, 1, 0, 0, 0],
};

/** A widget of displayed size width × height centred at (ux, uy) in user space. */
export function widgetAt(
  page: PageInfo,
  ux: number,
  uy: number,
  width: number,
  height: number,
): WidgetGeometry {
  const sideways = page.rotate === 90 || page.rotate === 270;
  const uw = sideways ? height : width;
  const uh = sideways ? width : height;
  return {
    page,
    rect: [ux - uw / 2, uy - uh / 2, ux + uw / 2, uy + uh / 2],
    bbox: [0, 0, width, height],
    matrix: MATRICES[page.rotate],
  };
}

/** Centre, in display coordinates, of a seal of this size in the lower right of the page. */
export function lowerRightCentre(
  page: PageInfo,
  width: number,
  height: number,
  margin: number,
): [number, number] {
  const { width: pw } = displaySize(page);
  const x = Math.max(width / 2, pw - margin - width / 2);
  const y = Math.min(margin + height / 2, displaySize(page).height - height / 2);
  return [x, Math.max(height / 2, y)];
}
