import { existsSync, readFileSync } from 'node:fs';
import type { SealImageMaker } from '@zhengyin/core';
import { AppError } from '@zhengyin/core';
import {
  DocumentError,
  bundledSealFontPath,
  generateSealSvg,
  inspectSvg,
  loadSealFont,
  renderSealPng,
  validateSealUpload,
} from '@zhengyin/documents';
import type { SealFont } from '@zhengyin/documents';

/** Song-style serif face when Debian's Noto CJK is installed (closest to physical seals), else the bundled sans. */
const SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc';

const PX_PER_MM = 12;

function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof DocumentError)
      throw new AppError('SEALS_IMAGE_INVALID', e.message, { reason: e.code, ...e.details });
    throw e;
  }
}

/** Seal images through @zhengyin/documents, with the font read once from disk. */
export function documentSealImages(fontFile?: string): SealImageMaker {
  let font: SealFont | null = null;
  const getFont = () => {
    const path = fontFile ?? (existsSync(SERIF) ? SERIF : bundledSealFontPath('bold'));
    font ??= loadSealFont(new Uint8Array(readFileSync(path)));
    return font;
  };
  return {
    async generate(spec) {
      return wrap(() => {
        const base = { font: getFont() };
        const full =
          spec.shape === 'square'
            ? { ...base, shape: 'square' as const, name: spec.text }
            : spec.shape === 'oval'
              ? {
                  ...base,
                  shape: 'oval' as const,
                  name: spec.text,
                  ...(spec.middleText ? { middleText: spec.middleText } : {}),
                  ...(spec.bottomText ? { bottomText: spec.bottomText } : {}),
                }
              : {
                  ...base,
                  shape: 'round' as const,
                  name: spec.text,
                  ...(spec.bottomText ? { bottomText: spec.bottomText } : {}),
                  ...(spec.code ? { code: spec.code } : {}),
                };
        const svg = generateSealSvg(full);
        const { png } = renderSealPng(svg, { pxPerMm: PX_PER_MM });
        const size = spec.shape === 'square' ? [20, 20] : spec.shape === 'oval' ? [45, 30] : [42, 42];
        return { png, svg, widthMm: size[0]!, heightMm: size[1]! };
      });
    },
    async fromUpload(bytes, sizeMm) {
      return wrap(() => {
        const info = validateSealUpload(bytes);
        if (info.type === 'png') return { png: bytes, svg: null, ...sizeMm };
        const svg = new TextDecoder().decode(bytes);
        inspectSvg(bytes);
        const { png } = renderSealPng(svg, { pxPerMm: PX_PER_MM });
        return { png, svg, ...sizeMm };
      });
    },
  };
}
