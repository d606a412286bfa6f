/**
 * The face template as the designer edits it: the JSON form the server stores (millimetres from the
 * page's top-left corner, x right, y down; font sizes in points), see packages/documents
 * license-face/template-codec.ts.
 */
export type Align = 'left' | 'center' | 'right';
export type FontStyle = 'serif' | 'sans';
export type DateFormat = 'yyyy年M月d日' | 'yyyy-MM-dd';

export interface Rect {
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

export interface FixedText extends Rect {
  text: string;
  fontSize: number;
  align: Align;
  font?: FontStyle;
}

export interface TextBox extends Rect {
  item: string;
  fontSize: number;
  minFontSize: number;
  align: Align;
  wrap: boolean;
  font?: FontStyle;
  dateFormat?: DateFormat;
}

export interface Square {
  xMm: number;
  yMm: number;
  sizeMm: number;
}

export interface FaceTemplate {
  page: { widthMm: number; heightMm: number };
  backgroundPngBase64?: string;
  fixedTexts: FixedText[];
  textBoxes: TextBox[];
  qr?: Square;
  seal?: Square;
}

/** A box on the face: a fixed text, a data-item text box (by index), the QR code or the seal. */
export type BoxKey = `fixed:${number}` | `text:${number}` | 'qr' | 'seal';

/** Millimetres are kept to a tenth (what the side panel shows and the server stores). */
export const roundMm = (v: number) => Math.round(v * 10) / 10;

/** A new type's face: A4 landscape with its title, the QR code and the seal. */
export function starterTemplate(title: string): FaceTemplate {
  return {
    page: { widthMm: 297, heightMm: 210 },
    fixedTexts: [
      {
        text: title || '证照名称',
        xMm: 48.5,
        yMm: 15,
        widthMm: 200,
        heightMm: 20,
        fontSize: 32,
        align: 'center',
      },
    ],
    textBoxes: [],
    qr: { xMm: 237, yMm: 20, sizeMm: 40 },
    seal: { xMm: 200, yMm: 140, sizeMm: 42 },
  };
}

/** The stored template, or the starter face when the type has none yet. */
export function templateOf(stored: Record<string, unknown> | null, title: string): FaceTemplate {
  if (!stored) return starterTemplate(title);
  const t = structuredClone(stored) as Partial<FaceTemplate>;
  return {
    ...t,
    page: t.page ?? { widthMm: 297, heightMm: 210 },
    fixedTexts: t.fixedTexts ?? [],
    textBoxes: t.textBoxes ?? [],
  };
}

export function rectOf(t: FaceTemplate, key: BoxKey): Rect | undefined {
  if (key === 'qr' || key === 'seal') {
    const sq = t[key];
    return sq && { xMm: sq.xMm, yMm: sq.yMm, widthMm: sq.sizeMm, heightMm: sq.sizeMm };
  }
  const [kind, index] = key.split(':') as ['fixed' | 'text', string];
  const box = kind === 'fixed' ? t.fixedTexts[Number(index)] : t.textBoxes[Number(index)];
  return box && { xMm: box.xMm, yMm: box.yMm, widthMm: box.widthMm, heightMm: box.heightMm };
}

/** Keeps a box on the page (sizes first, then the corner). */
export function clampRect(page: FaceTemplate['page'], r: Rect): Rect {
  const widthMm = roundMm(Math.min(Math.max(r.widthMm, 1), page.widthMm));
  const heightMm = roundMm(Math.min(Math.max(r.heightMm, 1), page.heightMm));
  return {
    widthMm,
    heightMm,
    xMm: roundMm(Math.min(Math.max(r.xMm, 0), page.widthMm - widthMm)),
    yMm: roundMm(Math.min(Math.max(r.yMm, 0), page.heightMm - heightMm)),
  };
}

/** The template with one box's rectangle replaced (QR and seal stay square: their width is the size). */
export function withRect(t: FaceTemplate, key: BoxKey, rect: Rect): FaceTemplate {
  if (key === 'qr' || key === 'seal') {
    const size = Math.min(rect.widthMm, t.page.widthMm, t.page.heightMm);
    const r = clampRect(t.page, { ...rect, widthMm: size, heightMm: size });
    return { ...t, [key]: { xMm: r.xMm, yMm: r.yMm, sizeMm: r.widthMm } };
  }
  const r = clampRect(t.page, rect);
  const [kind, index] = key.split(':') as ['fixed' | 'text', string];
  const i = Number(index);
  return kind === 'fixed'
    ? { ...t, fixedTexts: t.fixedTexts.map((b, j) => (j === i ? { ...b, ...r } : b)) }
    : { ...t, textBoxes: t.textBoxes.map((b, j) => (j === i ? { ...b, ...r } : b)) };
}

export function moveBy(t: FaceTemplate, key: BoxKey, dxMm: number, dyMm: number): FaceTemplate {
  const r = rectOf(t, key);
  return r ? withRect(t, key, { ...r, xMm: r.xMm + dxMm, yMm: r.yMm + dyMm }) : t;
}

export function updateFixedText(t: FaceTemplate, index: number, change: Partial<FixedText>): FaceTemplate {
  return { ...t, fixedTexts: t.fixedTexts.map((b, j) => (j === index ? { ...b, ...change } : b)) };
}

export function updateTextBox(t: FaceTemplate, index: number, change: Partial<TextBox>): FaceTemplate {
  return { ...t, textBoxes: t.textBoxes.map((b, j) => (j === index ? { ...b, ...change } : b)) };
}

export function removeBox(t: FaceTemplate, key: BoxKey): FaceTemplate {
  if (key === 'qr' || key === 'seal') {
    const { [key]: _removed, ...rest } = t;
    return rest;
  }
  const [kind, index] = key.split(':') as ['fixed' | 'text', string];
  const i = Number(index);
  return kind === 'fixed'
    ? { ...t, fixedTexts: t.fixedTexts.filter((_, j) => j !== i) }
    : { ...t, textBoxes: t.textBoxes.filter((_, j) => j !== i) };
}

/** A new box near the top-left corner, sized to fit the page. */
function placeNew(t: FaceTemplate, widthMm: number, heightMm: number): Rect {
  return clampRect(t.page, { xMm: 20, yMm: 40, widthMm, heightMm });
}

export function addTextBox(t: FaceTemplate, item: string): { template: FaceTemplate; key: BoxKey } {
  const box: TextBox = {
    item,
    ...placeNew(t, 100, 8),
    fontSize: 12,
    minFontSize: 8,
    align: 'left',
    wrap: false,
  };
  return { template: { ...t, textBoxes: [...t.textBoxes, box] }, key: `text:${t.textBoxes.length}` };
}

export function addFixedText(t: FaceTemplate, text: string): { template: FaceTemplate; key: BoxKey } {
  const box: FixedText = { text, ...placeNew(t, 40, 8), fontSize: 12, align: 'left' };
  return { template: { ...t, fixedTexts: [...t.fixedTexts, box] }, key: `fixed:${t.fixedTexts.length}` };
}

export function addSquare(t: FaceTemplate, key: 'qr' | 'seal'): FaceTemplate {
  const size = Math.min(40, t.page.widthMm, t.page.heightMm);
  const r = clampRect(t.page, { xMm: t.page.widthMm - size - 20, yMm: 20, widthMm: size, heightMm: size });
  return { ...t, [key]: { xMm: r.xMm, yMm: r.yMm, sizeMm: size } };
}

/** Every box of the face, for drawing and for the keyboard's tab order. */
export function boxKeys(t: FaceTemplate): BoxKey[] {
  return [
    ...t.fixedTexts.map((_, i) => `fixed:${i}` as const),
    ...t.textBoxes.map((_, i) => `text:${i}` as const),
    ...(t.qr ? (['qr'] as const) : []),
    ...(t.seal ? (['seal'] as const) : []),
  ];
}

/** The page made smaller or larger: boxes are kept on it. */
export function withPage(t: FaceTemplate, page: FaceTemplate['page']): FaceTemplate {
  let next: FaceTemplate = { ...t, page };
  for (const key of boxKeys(t)) {
    const r = rectOf(next, key);
    if (r) next = withRect(next, key, r);
  }
  return next;
}
