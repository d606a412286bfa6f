import type { OfdPageImages } from '@zhengyin/core';
import { AppError } from '@zhengyin/core';
import { DocumentError, openOfd, renderOfdPage, type FontSet } from '@zhengyin/documents';

/**
 * Page 1 of an OFD licence as a PNG (renderOfdPage), with the licence face font chain for text whose
 * font is not embedded. `fonts` is called on the first image: the chain is the one the licence
 * renderer already holds. Document errors keep their OFD_* code as application errors.
 */
export function documentOfdPageImages(fonts: () => FontSet): OfdPageImages {
  return {
    async rasterize(ofd, dpi) {
      try {
        return await renderOfdPage(openOfd(ofd), 0, { dpi, fonts: fonts() });
      } catch (e) {
        if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
        throw e;
      }
    },
  };
}
