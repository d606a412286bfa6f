import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { workspace } from '../pdf/testing/tools.js';
import { loadFontSet } from './fonts.js';
import { createFontSubsetter, harfbuzzSubsetWasmPath, renderFace } from './index.js';
import { HOLDER, SERIF_TTC, sampleFonts, sampleRequest } from './testing/sample-licence.js';

const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
const fonts = sampleFonts();
const hasSerif = fonts.some((f) => f.name.includes('Serif') || f.style === 'serif');

describe('HarfBuzz font subsetting', () => {
  it('keeps exactly the requested characters of the chosen TTC face, with their advances', () => {
    const [serif] = loadFontSet(fonts.filter((f) => f.style === 'serif'));
    if (!serif) return;
    expect(serif.spec.bytes.length).toBe(readFileSync(SERIF_TTC).length);
    const text = '营业执照A1';
    const bytes = subsetter.subset(
      serif.spec.bytes,
      serif.faceIndex,
      [...text].map((c) => c.codePointAt(0)!),
    );
    const small = fontkit.create(Buffer.from(bytes)) as Font;
    expect(small.postscriptName).toBe(serif.font.postscriptName);
    expect(small.numGlyphs).toBe(text.length + 1); // + .notdef
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      expect(small.glyphForCodePoint(cp).advanceWidth).toBe(serif.font.glyphForCodePoint(cp).advanceWidth);
    }
    expect(small.hasGlyphForCodePoint('证'.codePointAt(0)!)).toBe(false);
    expect(bytes.length).toBeLessThan(20_000);
  });

  it('renders the same text as the fontkit path in a much smaller file, fonts embedded', async () => {
    const ws = workspace();
    try {
      const fast = await renderFace(sampleRequest(fonts, { subsetter }));
      const slow = await renderFace(sampleRequest(fonts));
      expect(fast.length).toBeLessThan(slow.length);
      const text = (pdf: Uint8Array) =>
        spawnSync('pdftotext', [ws.write('f.pdf', pdf), '-'], { encoding: 'utf8' }).stdout;
      expect(text(fast)).toBe(text(slow));
      expect(text(fast)).toContain(HOLDER);
      const fontsOut = spawnSync('pdffonts', [ws.write('g.pdf', fast)], { encoding: 'utf8' }).stdout;
      const rows = fontsOut
        .split('\n')
        .slice(2)
        .filter((l) => l.trim());
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+/);
      if (hasSerif) expect(fontsOut).toContain('NotoSerifCJK');
    } finally {
      ws.remove();
    }
  });

  it('refuses a font it cannot read', () => {
    expect(() => subsetter.subset(new Uint8Array(64), 0, [0x41])).toThrow(
      expect.objectContaining({ code: 'LICENSE_FONT_INVALID' }),
    );
  });
});
