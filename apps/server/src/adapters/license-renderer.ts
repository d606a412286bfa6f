import { readFileSync } from 'node:fs';
import { RenderPool, type FaceFormat } from './license-render-pool.js';
import { AppError, type LicenseRenderInput, type LicenseRenderer } from '@zhengyin/core';
import {
  DocumentError,
  checkGlyphCoverage,
  createFontSubsetter,
  harfbuzzSubsetWasmPath,
  parseFaceTemplate,
  rasterizePdfPage,
  renderFace,
  renderFaceOfd,
  type FaceTemplate,
  type FontSubsetter,
  type FontSet,
} from '@zhengyin/documents';

const PT_PER_MM = 72 / 25.4;
/** Without a seal box, the seal is centred in a square this size, this far from the lower right edges. */
const LOWER_RIGHT_AREA_MM = 40;
const LOWER_RIGHT_MARGIN_MM = 20;

/** Document errors keep their LICENSE_* / PDF_* code as application errors. */
function lifted<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
    throw e;
  }
}

/**
 * Licence faces with pdfkit over the configured font chain (templates parsed once per stored object),
 * rendered in `workers` worker threads, or on the calling thread when 0.
 */
export function documentLicenseRenderer(fonts: FontSet, workers = 0): LicenseRenderer {
  const pool = workers > 0 ? new RenderPool(fonts, workers) : null;
  const parsed = new WeakMap<object, FaceTemplate>();
  let subsetter: FontSubsetter | undefined;
  const subsetterOnce = () =>
    (subsetter ??= createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath()))));
  const template = (json: Record<string, unknown>): FaceTemplate => {
    let t = parsed.get(json);
    if (!t) parsed.set(json, (t = lifted(() => parseFaceTemplate(json))));
    return t;
  };
  const renderAs = async (format: FaceFormat, input: LicenseRenderInput): Promise<Uint8Array> => {
    const t = template(input.template);
    const options = {
      values: input.values,
      qrPayload: input.qrPayload,
      metadata: {
        title: input.title,
        xmp: input.xmp,
        attachment: { name: 'license.json', json: input.attachment },
        createdAt: input.createdAt,
      },
    };
    if (pool) return pool.render(input.template, options, format);
    try {
      const render = format === 'ofd' ? renderFaceOfd : renderFace;
      return await render({ ...options, template: t, fonts, subsetter: subsetterOnce() });
    } catch (e) {
      if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
      throw e;
    }
  };
  return {
    missingGlyphs: (texts) => lifted(() => checkGlyphCoverage(texts, fonts).missing),
    checkTemplate: (json) => ({ fixedTexts: template(json).fixedTexts.map((f) => f.text) }),
    sealPlacement(json) {
      const t = template(json);
      if (!t.seal) return { kind: 'last-page' };
      const half = t.seal.sizeMm / 2;
      return {
        kind: 'coordinates',
        page: 1,
        x: (t.seal.xMm + half) * PT_PER_MM,
        y: (t.page.heightMm - t.seal.yMm - half) * PT_PER_MM,
      };
    },
    ofdSealArea(json) {
      const t = template(json);
      if (t.seal)
        return { page: 0, xMm: t.seal.xMm, yMm: t.seal.yMm, widthMm: t.seal.sizeMm, heightMm: t.seal.sizeMm };
      const size = LOWER_RIGHT_AREA_MM;
      return {
        page: 0,
        xMm: t.page.widthMm - LOWER_RIGHT_MARGIN_MM - size,
        yMm: t.page.heightMm - LOWER_RIGHT_MARGIN_MM - size,
        widthMm: size,
        heightMm: size,
      };
    },
    render: (input) => renderAs('pdf', input),
    renderOfd: (input) => renderAs('ofd', input),
    async rasterize(pdf, dpi) {
      try {
        return await rasterizePdfPage(pdf, { page: 1, dpi });
      } catch (e) {
        if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
        throw e;
      }
    },
  };
}
