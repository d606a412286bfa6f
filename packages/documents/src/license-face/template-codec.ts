/**
 * The JSON form of a face template (stored with the licence type, edited by the template
 * designer): the same fields as `FaceTemplate`, the background PNG as `backgroundPngBase64`.
 * Parsing validates every field and refuses unknown keys; errors name the JSON path.
 */
import { DocumentError } from '../checks.js';
import type {
  FaceAlign,
  FaceDateFormat,
  FaceFixedText,
  FaceFontStyle,
  FaceTemplate,
  FaceTextBox,
} from './types.js';

/** Largest background image (decoded PNG bytes). */
export const MAX_BACKGROUND_BYTES = 5 * 1024 * 1024;
const MAX_PAGE_MM = 1500;
const MAX_FONT_SIZE = 300;
const MAX_BOXES = 200;
const MAX_TEXT_LENGTH = 2000;
/** Data-item codes, as in the catalogue (e.g. ZZBH, KZ_JYCS). */
const ITEM_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const ALIGNS: readonly FaceAlign[] = ['left', 'center', 'right'];
const FONTS: readonly FaceFontStyle[] = ['serif', 'sans'];
const DATE_FORMATS: readonly FaceDateFormat[] = ['yyyy年M月d日', 'yyyy-MM-dd'];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Slack for boxes on the page edge (rounding in the designer). */
const EDGE_MM = 0.01;

const fail = (path: string, problem: string): never => {
  throw new DocumentError('LICENSE_TEMPLATE_INVALID', `${path}: ${problem}`, { path });
};

type JsonObject = Record<string, unknown>;

function object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []) {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, 'must be an object');
  const o = value as JsonObject;
  for (const key of Object.keys(o)) {
    if (!required.includes(key) && !optional.includes(key)) fail(`${path}.${key}`, 'unknown field');
  }
  for (const key of required) if (o[key] === undefined) fail(`${path}.${key}`, 'is required');
  return o;
}

function number(o: JsonObject, key: string, path: string, min: number, max: number, exclusiveMin = false) {
  const v = o[key];
  const at = `${path}.${key}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(at, 'must be a finite number');
  if (v < min || (exclusiveMin && v === min) || v > max) {
    fail(at, `must be ${exclusiveMin ? 'greater than' : 'at least'} ${min} and at most ${max}`);
  }
  return v;
}

function oneOf<T extends string>(o: JsonObject, key: string, path: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    return fail(`${path}.${key}`, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return v as T;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) return fail(path, 'must be an array');
  if (value.length > MAX_BOXES) fail(path, `has more than ${MAX_BOXES} entries`);
  return value;
}

interface Page {
  readonly widthMm: number;
  readonly heightMm: number;
}

/** A box: non-negative corner, positive size, inside the page. */
function box(o: JsonObject, path: string, page: Page) {
  const xMm = number(o, 'xMm', path, 0, page.widthMm);
  const yMm = number(o, 'yMm', path, 0, page.heightMm);
  const widthMm = number(o, 'widthMm', path, 0, page.widthMm, true);
  const heightMm = number(o, 'heightMm', path, 0, page.heightMm, true);
  if (xMm + widthMm > page.widthMm + EDGE_MM) fail(`${path}.widthMm`, 'the box extends past the page');
  if (yMm + heightMm > page.heightMm + EDGE_MM) fail(`${path}.heightMm`, 'the box extends past the page');
  return { xMm, yMm, widthMm, heightMm };
}

function square(value: unknown, path: string, page: Page) {
  const o = object(value, path, ['xMm', 'yMm', 'sizeMm']);
  const xMm = number(o, 'xMm', path, 0, page.widthMm);
  const yMm = number(o, 'yMm', path, 0, page.heightMm);
  const sizeMm = number(o, 'sizeMm', path, 0, MAX_PAGE_MM, true);
  if (xMm + sizeMm > page.widthMm + EDGE_MM || yMm + sizeMm > page.heightMm + EDGE_MM) {
    fail(`${path}.sizeMm`, 'the square extends past the page');
  }
  return { xMm, yMm, sizeMm };
}

function text(o: JsonObject, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) return fail(`${path}.${key}`, 'must be a non-empty string');
  if (v.length > MAX_TEXT_LENGTH) fail(`${path}.${key}`, `is longer than ${MAX_TEXT_LENGTH} characters`);
  return v;
}

const FIXED_KEYS = ['text', 'xMm', 'yMm', 'widthMm', 'heightMm', 'fontSize', 'align'] as const;
const BOX_KEYS = [
  'item',
  'xMm',
  'yMm',
  'widthMm',
  'heightMm',
  'fontSize',
  'minFontSize',
  'align',
  'wrap',
] as const;

function fixedText(value: unknown, path: string, page: Page): FaceFixedText {
  const o = object(value, path, FIXED_KEYS, ['font']);
  return {
    text: text(o, 'text', path),
    ...box(o, path, page),
    fontSize: number(o, 'fontSize', path, 0, MAX_FONT_SIZE, true),
    align: oneOf(o, 'align', path, ALIGNS),
    ...(o.font !== undefined && { font: oneOf(o, 'font', path, FONTS) }),
  };
}

function textBox(value: unknown, path: string, page: Page): FaceTextBox {
  const o = object(value, path, BOX_KEYS, ['font', 'dateFormat']);
  const item = text(o, 'item', path);
  if (!ITEM_CODE.test(item)) fail(`${path}.item`, 'must be an upper-case data-item code');
  const fontSize = number(o, 'fontSize', path, 0, MAX_FONT_SIZE, true);
  const minFontSize = number(o, 'minFontSize', path, 0, fontSize, true);
  if (typeof o.wrap !== 'boolean') fail(`${path}.wrap`, 'must be true or false');
  return {
    item,
    ...box(o, path, page),
    fontSize,
    minFontSize,
    align: oneOf(o, 'align', path, ALIGNS),
    wrap: o.wrap as boolean,
    ...(o.font !== undefined && { font: oneOf(o, 'font', path, FONTS) }),
    ...(o.dateFormat !== undefined && { dateFormat: oneOf(o, 'dateFormat', path, DATE_FORMATS) }),
  };
}

function background(value: unknown, path: string): Uint8Array {
  // Canonical base64 only, so the stored form is unambiguous.
  if (typeof value !== 'string' || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    return fail(path, 'must be base64');
  }
  if ((value.length / 4) * 3 > MAX_BACKGROUND_BYTES + 2)
    fail(path, `is larger than ${MAX_BACKGROUND_BYTES} bytes`);
  const png = new Uint8Array(Buffer.from(value, 'base64'));
  if (Buffer.from(png).toString('base64') !== value) fail(path, 'must be canonical base64');
  if (png.length > MAX_BACKGROUND_BYTES) fail(path, `is larger than ${MAX_BACKGROUND_BYTES} bytes`);
  if (png.length <= 8 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) fail(path, 'is not a PNG image');
  return png;
}

/**
 * Validates the JSON form of a face template. Throws DocumentError LICENSE_TEMPLATE_INVALID with the
 * JSON path of the first bad field (`details.path`, e.g. `$.textBoxes[2].align`).
 */
export function parseFaceTemplate(json: unknown): FaceTemplate {
  const o = object(json, '$', ['page', 'fixedTexts', 'textBoxes'], ['backgroundPngBase64', 'qr', 'seal']);
  const p = object(o.page, '$.page', ['widthMm', 'heightMm']);
  const page = {
    widthMm: number(p, 'widthMm', '$.page', 0, MAX_PAGE_MM, true),
    heightMm: number(p, 'heightMm', '$.page', 0, MAX_PAGE_MM, true),
  };
  return {
    page,
    ...(o.backgroundPngBase64 !== undefined && {
      background: { png: background(o.backgroundPngBase64, '$.backgroundPngBase64') },
    }),
    fixedTexts: array(o.fixedTexts, '$.fixedTexts').map((t, i) => fixedText(t, `$.fixedTexts[${i}]`, page)),
    textBoxes: array(o.textBoxes, '$.textBoxes').map((b, i) => textBox(b, `$.textBoxes[${i}]`, page)),
    ...(o.qr !== undefined && { qr: square(o.qr, '$.qr', page) }),
    ...(o.seal !== undefined && { seal: square(o.seal, '$.seal', page) }),
  };
}

const omitUndefined = (o: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The JSON form of a template (what `parseFaceTemplate` reads back to an equal template). */
export function faceTemplateToJson(t: FaceTemplate): Record<string, unknown> {
  const b = (x: { xMm: number; yMm: number; widthMm: number; heightMm: number }) => ({
    xMm: x.xMm,
    yMm: x.yMm,
    widthMm: x.widthMm,
    heightMm: x.heightMm,
  });
  return omitUndefined({
    page: { widthMm: t.page.widthMm, heightMm: t.page.heightMm },
    backgroundPngBase64: t.background && Buffer.from(t.background.png).toString('base64'),
    fixedTexts: t.fixedTexts.map((f) =>
      omitUndefined({ text: f.text, ...b(f), fontSize: f.fontSize, align: f.align, font: f.font }),
    ),
    textBoxes: t.textBoxes.map((x) =>
      omitUndefined({
        item: x.item,
        ...b(x),
        fontSize: x.fontSize,
        minFontSize: x.minFontSize,
        align: x.align,
        wrap: x.wrap,
        font: x.font,
        dateFormat: x.dateFormat,
      }),
    ),
    qr: t.qr && { xMm: t.qr.xMm, yMm: t.qr.yMm, sizeMm: t.qr.sizeMm },
    seal: t.seal && { xMm: t.seal.xMm, yMm: t.seal.yMm, sizeMm: t.seal.sizeMm },
  });
}
