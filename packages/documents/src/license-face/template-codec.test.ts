import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { MAX_BACKGROUND_BYTES, faceTemplateToJson, parseFaceTemplate } from './index.js';
import type { FaceTemplate } from './index.js';
import { SAMPLE_TEMPLATE } from './testing/sample-licence.js';

function backgroundPng(): Uint8Array {
  const png = new PNG({ width: 4, height: 3 });
  png.data.fill(240);
  return new Uint8Array(PNG.sync.write(png));
}

const TEMPLATE: FaceTemplate = {
  ...SAMPLE_TEMPLATE,
  background: { png: backgroundPng() },
  fixedTexts: [...SAMPLE_TEMPLATE.fixedTexts, { ...SAMPLE_TEMPLATE.fixedTexts[0]!, yMm: 180, font: 'serif' }],
};

/** The JSON form, edited at `path` (keys and indexes; `undefined` deletes). */
function edited(path: (string | number)[], value: unknown): unknown {
  const json = JSON.parse(JSON.stringify(faceTemplateToJson(TEMPLATE))) as Record<string, unknown>;
  let at: Record<string | number, unknown> = json;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return json;
}

function expectInvalid(json: unknown, path: string): void {
  try {
    parseFaceTemplate(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code).toBe('LICENSE_TEMPLATE_INVALID');
    expect((e as DocumentError).details).toEqual({ path });
    expect((e as DocumentError).message.startsWith(`${path}: `)).toBe(true);
    return;
  }
  throw new Error(`expected LICENSE_TEMPLATE_INVALID at ${path}`);
}

describe('face template JSON codec', () => {
  it('round-trips a template through JSON text, background as base64', () => {
    const json = faceTemplateToJson(TEMPLATE);
    expect(json.backgroundPngBase64).toBe(Buffer.from(TEMPLATE.background!.png).toString('base64'));
    expect(Object.keys(json)).toEqual([
      'page',
      'backgroundPngBase64',
      'fixedTexts',
      'textBoxes',
      'qr',
      'seal',
    ]);
    const back = parseFaceTemplate(JSON.parse(JSON.stringify(json)));
    expect(back).toEqual(TEMPLATE);
    expect(back.background!.png).toBeInstanceOf(Uint8Array);
    expect(faceTemplateToJson(back)).toEqual(json);
    // Optional parts absent stay absent.
    const minimal: FaceTemplate = { page: { widthMm: 100, heightMm: 50 }, fixedTexts: [], textBoxes: [] };
    expect(faceTemplateToJson(minimal)).toEqual({
      page: { widthMm: 100, heightMm: 50 },
      fixedTexts: [],
      textBoxes: [],
    });
    expect(parseFaceTemplate(faceTemplateToJson(minimal))).toEqual(minimal);
  });

  it('names the JSON path of each kind of bad field', () => {
    const cases: [(string | number)[], unknown, string][] = [
      [['page', 'widthMm'], 0, '$.page.widthMm'],
      [['page', 'heightMm'], '210', '$.page.heightMm'],
      [['page', 'heightMm'], 1e9, '$.page.heightMm'],
      [['page', 'depthMm'], 1, '$.page.depthMm'],
      [['colour'], 'red', '$.colour'],
      [['fixedTexts'], {}, '$.fixedTexts'],
      [['textBoxes'], undefined, '$.textBoxes'],
      [['fixedTexts', 1, 'text'], '', '$.fixedTexts[1].text'],
      [['fixedTexts', 1, 'text'], 7, '$.fixedTexts[1].text'],
      [['fixedTexts', 1, 'xMm'], -1, '$.fixedTexts[1].xMm'],
      [['fixedTexts', 1, 'widthMm'], 1000, '$.fixedTexts[1].widthMm'],
      [['fixedTexts', 1, 'heightMm'], 200, '$.fixedTexts[1].heightMm'], // past the bottom edge
      [['fixedTexts', 1, 'fontSize'], 0, '$.fixedTexts[1].fontSize'],
      [['fixedTexts', 1, 'align'], 'justify', '$.fixedTexts[1].align'],
      [['fixedTexts', 1, 'font'], 'mono', '$.fixedTexts[1].font'],
      [['fixedTexts', 1, 'bold'], true, '$.fixedTexts[1].bold'],
      [['fixedTexts', 2], null, '$.fixedTexts[2]'],
      [['textBoxes', 3, 'item'], 'zzbh', '$.textBoxes[3].item'],
      [['textBoxes', 3, 'minFontSize'], 20, '$.textBoxes[3].minFontSize'],
      [['textBoxes', 3, 'minFontSize'], undefined, '$.textBoxes[3].minFontSize'],
      [['textBoxes', 3, 'wrap'], 'yes', '$.textBoxes[3].wrap'],
      [['textBoxes', 3, 'yMm'], null, '$.textBoxes[3].yMm'],
      [['textBoxes', 4, 'dateFormat'], 'dd/MM/yyyy', '$.textBoxes[4].dateFormat'],
      [['qr', 'sizeMm'], 100, '$.qr.sizeMm'],
      [['qr', 'size'], 10, '$.qr.size'],
      [['seal'], [1, 2, 3], '$.seal'],
      [['backgroundPngBase64'], 'not base64!', '$.backgroundPngBase64'],
      [['backgroundPngBase64'], 'QUJD', '$.backgroundPngBase64'], // "ABC": not a PNG
      [['backgroundPngBase64'], 'QUJ=', '$.backgroundPngBase64'], // not canonical
    ];
    for (const [path, value, jsonPath] of cases) expectInvalid(edited(path, value), jsonPath);
    expectInvalid(null, '$');
    expectInvalid([], '$');
    // Numbers that JSON cannot carry but a caller's object can.
    expectInvalid(edited(['textBoxes', 0, 'fontSize'], Number.NaN), '$.textBoxes[0].fontSize');
    expectInvalid(edited(['textBoxes', 0, 'xMm'], Number.POSITIVE_INFINITY), '$.textBoxes[0].xMm');
  });

  it('refuses a background over the size limit', () => {
    const big = Buffer.alloc(MAX_BACKGROUND_BYTES + 3);
    Buffer.from(backgroundPng()).copy(big);
    expectInvalid(edited(['backgroundPngBase64'], big.toString('base64')), '$.backgroundPngBase64');
    const justUnder = Buffer.alloc(MAX_BACKGROUND_BYTES);
    Buffer.from(backgroundPng()).copy(justUnder);
    expect(
      parseFaceTemplate(edited(['backgroundPngBase64'], justUnder.toString('base64'))).background!.png.length,
    ).toBe(MAX_BACKGROUND_BYTES);
  });
});
