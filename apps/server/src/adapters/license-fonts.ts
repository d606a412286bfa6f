import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSealFontPath, type FaceFont, type FontSet } from '@zhengyin/documents';

const FONT_FILE = /\.(ttf|otf|ttc)$/i;
/** Only regular weights: a licence face never needs the others, and each TTC is tens of megabytes. */
const OTHER_WEIGHT = /(bold|black|heavy|light|thin|medium|semibold|demi)/i;

/**
 * The licence face font chain: regular fonts found in `dirs` (serif when the name says so), then the
 * bundled Noto Sans SC, which is always there. Missing directories are skipped.
 */
export function loadLicenseFonts(dirs: readonly string[]): FontSet {
  const fonts: FaceFont[] = [];
  for (const dir of dirs) {
    if (!dir || !existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!FONT_FILE.test(file) || OTHER_WEIGHT.test(file)) continue;
      fonts.push({
        name: file,
        bytes: new Uint8Array(readFileSync(join(dir, file))),
        style: /serif|song|ming/i.test(file) && !/sans/i.test(file) ? 'serif' : 'sans',
      });
    }
  }
  fonts.push({
    name: 'NotoSansHans-Regular',
    bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
    style: 'sans',
  });
  return fonts;
}
