import { readFileSync } from 'node:fs';
import type { AnnotationSealPicture, OfdAnnotator } from '@zhengyin/core';
import {
  OFD_ANNOTATION_COLOR,
  annotateOfd,
  bundledSealFontPath,
  loadSealFont,
  renderSealPng,
  type SealFont,
} from '@zhengyin/documents';

/** Drawn as the smallest round seal the generator makes, shown smaller: it ends the statement band. */
const SEAL_DRAWN_MM = 20;
const SEAL_SHOWN_MM = 16;
const SEAL_PX_PER_MM = 12;

/**
 * annotateOfd with the 加注件 statement font (the bundled Noto Sans SC, as for PDF copies), and the
 * picture of the platform's annotation seal: a round seal "证印平台 / 加注专用章" in the annotation
 * colour, not seal red, so that it is not taken for an issuing seal. Fonts and picture are made on
 * the first copy and kept for the process.
 */
export function documentOfdAnnotator(): OfdAnnotator {
  let fonts: SealFont[] | null = null;
  let picture: AnnotationSealPicture | null = null;
  return {
    annotate(request) {
      fonts ??= [loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('regular'))))];
      return annotateOfd({ ...request, fonts });
    },
    async sealPicture() {
      if (!picture) {
        const font = loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('bold'))));
        const { png } = renderSealPng(
          {
            shape: 'round',
            font,
            name: '证印平台',
            bottomText: '加注专用章',
            diameterMm: SEAL_DRAWN_MM,
            color: OFD_ANNOTATION_COLOR,
          },
          { pxPerMm: SEAL_PX_PER_MM },
        );
        picture = { png, widthMm: SEAL_SHOWN_MM, heightMm: SEAL_SHOWN_MM };
      }
      return picture;
    },
  };
}
