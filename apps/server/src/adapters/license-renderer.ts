import { readFileSync } from 'node:fs';
import { AppError, type LicenseRenderer } from '@zhengyin/core';
import {
  DocumentError,
  checkGlyphCoverage,
  createFontSubsetter,
  harfbuzzSubsetWasmPath,
  parseFaceTemplate,
  rasterizePdfPage,
  renderFace,
  type FaceTemplate,
  type FontSet,
} from '@zhengyin/documents';

const PT_PER_MM = 72 / 25.4;

/** Document errors keep their LICENSE_* / PDF_* code as application errors. */
function lifted<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
    throw e;
  }
}

/** Licence faces with pdfkit over the configured font chain (templates parsed once per stored object). */
export function documentLicenseRenderer(fonts: FontSet): LicenseRenderer {
  const parsed = new WeakMap<object, FaceTemplate>();
  const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
  const template = (json: Record<string, unknown>): FaceTemplate => {
    let t = parsed.get(json);
    if (!t) parsed.set(json, (t = lifted(() => parseFaceTemplate(json))));
    return t;
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
    async render(input) {
      const t = template(input.template);
      try {
        return await renderFace({
          template: t,
          values: input.values,
          fonts,
          subsetter,
          qrPayload: input.qrPayload,
          metadata: {
            title: input.title,
            xmp: input.xmp,
            attachment: { name: 'license.json', json: input.attachment },
            createdAt: input.createdAt,
          },
        });
      } catch (e) {
        if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
        throw e;
      }
    },
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
