/** PDF points per millimetre. */
export const PT_PER_MM = 72 / 25.4;

export interface PageBox {
  /** The page as displayed, in points. */
  readonly widthPt: number;
  readonly heightPt: number;
}

/**
 * A click on the page image (pixels from the image's top-left corner, image drawn `shownWidth` ×
 * `shownHeight` pixels) as the seal centre in points from the page's lower-left corner — the
 * `coordinates` placement of the sealing API. Rounded to 0.1 pt.
 */
export function clickToPoints(
  click: { readonly x: number; readonly y: number },
  shown: { readonly width: number; readonly height: number },
  page: PageBox,
): { x: number; y: number } {
  const round = (v: number) => Math.round(v * 10) / 10;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return {
    x: round(clamp((click.x / shown.width) * page.widthPt, page.widthPt)),
    y: round(clamp(page.heightPt - (click.y / shown.height) * page.heightPt, page.heightPt)),
  };
}

/** Where a point of the page lies on the image, in percent from its top-left corner (for the marker). */
export function pointsToPercent(
  point: { x: number; y: number },
  page: PageBox,
): { left: number; top: number } {
  return { left: (point.x / page.widthPt) * 100, top: (1 - point.y / page.heightPt) * 100 };
}
