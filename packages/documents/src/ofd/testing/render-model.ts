/**
 * Renderer test helpers: one-page OFD documents built from model objects (no XML), and pixel
 * counting on the rendered PNG in page millimetres.
 */
import { existsSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { FontSet } from '../../license-face/types.js';
import { bundledSealFontPath } from '../../seal-image/font.js';
import type { OfdPackage } from '../package.js';
import type {
  OfdAnnotation,
  OfdBox,
  OfdDocument,
  OfdGraphic,
  OfdLayer,
  OfdPage,
  OfdResources,
} from '../types.js';

const SERIF_TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
let fonts: FontSet | undefined;

/** Fallback fonts for renders: Debian's Noto Serif CJK when installed, and the bundled Noto Sans SC. */
export function testFonts(): FontSet {
  fonts ??= [
    ...(existsSync(SERIF_TTC)
      ? [{ name: 'noto-serif-cjk', bytes: new Uint8Array(readFileSync(SERIF_TTC)), style: 'serif' as const }]
      : []),
    {
      name: 'noto-sans-sc',
      bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
      style: 'sans',
    },
  ];
  return fonts;
}

export interface ModelPage {
  readonly size?: { readonly width: number; readonly height: number };
  readonly objects?: readonly OfdGraphic[];
  readonly layers?: readonly OfdLayer[];
  readonly annotations?: readonly OfdAnnotation[];
  readonly resources?: Partial<OfdResources>;
  /** Package parts the document's `read` returns (fonts, images). */
  readonly parts?: Readonly<Record<string, Uint8Array>>;
}

/** A one-page document (page ID "1") with no package behind it: `package` is not usable. */
export function modelDocument(spec: ModelPage): OfdDocument {
  const box: OfdBox = { x: 0, y: 0, width: spec.size?.width ?? 50, height: spec.size?.height ?? 50 };
  const resources: OfdResources = {
    fonts: new Map(),
    multiMedias: new Map(),
    drawParams: new Map(),
    compositeUnits: new Map(),
    colorSpaces: new Map(),
    ...spec.resources,
  };
  const page: OfdPage = {
    id: '1',
    index: 0,
    part: 'Doc_0/Pages/Page_0/Content.xml',
    physicalBox: box,
    layers: spec.layers ?? [{ type: 'Body', objects: spec.objects ?? [] }],
    annotations: spec.annotations ?? [],
    resources,
  };
  return {
    package: undefined as unknown as OfdPackage,
    docBodyCount: 1,
    docIndex: 0,
    namespace: 'http://www.ofdspec.org/2016',
    docInfo: { customData: [] },
    documentPart: 'Doc_0/Document.xml',
    pageArea: box,
    pages: [{ id: '1', part: page.part }],
    page: (i) => {
      if (i !== 0) throw new Error(`no page ${i}`);
      return page;
    },
    customTags: [],
    attachments: [],
    read: (part) => {
      const bytes = spec.parts?.[part];
      if (!bytes) throw new Error(`no part ${part}`);
      return bytes;
    },
  };
}

/** The same document with page `index` changed by `edit` (e.g. annotations removed). */
export function withPage(doc: OfdDocument, edit: (page: OfdPage) => OfdPage): OfdDocument {
  return Object.assign(Object.create(doc) as OfdDocument, { page: (i: number) => edit(doc.page(i)) });
}

export type Rgb = readonly [number, number, number];

/** A decoded render, with pixel access in page millimetres at `dpi`. */
export class Raster {
  readonly png: PNG;
  constructor(
    bytes: Uint8Array,
    readonly dpi = 96,
  ) {
    this.png = PNG.sync.read(Buffer.from(bytes));
  }

  get width(): number {
    return this.png.width;
  }

  get height(): number {
    return this.png.height;
  }

  /** Pixel at page position (mm). */
  at(xMm: number, yMm: number): Rgb {
    const k = this.dpi / 25.4;
    return this.pixel(Math.floor(xMm * k), Math.floor(yMm * k));
  }

  pixel(x: number, y: number): Rgb {
    const i = (y * this.png.width + x) * 4;
    return [this.png.data[i]!, this.png.data[i + 1]!, this.png.data[i + 2]!];
  }

  /** Pixels of the box (mm, whole pixels it touches, clamped to the image) for which `test` holds. */
  count(box: readonly [number, number, number, number], test: (p: Rgb) => boolean): number {
    const k = this.dpi / 25.4;
    const [x, y, w, h] = box;
    let n = 0;
    const x1 = Math.min(this.width, Math.ceil((x + w) * k));
    const y1 = Math.min(this.height, Math.ceil((y + h) * k));
    for (let py = Math.max(0, Math.floor(y * k)); py < y1; py++) {
      for (let px = Math.max(0, Math.floor(x * k)); px < x1; px++) if (test(this.pixel(px, py))) n++;
    }
    return n;
  }

  /** The box's pixels as one string (to compare two areas exactly). */
  area(box: readonly [number, number, number, number]): string {
    const k = this.dpi / 25.4;
    const [x, y, w, h] = box;
    const rows: string[] = [];
    for (let py = Math.floor(y * k); py < Math.ceil((y + h) * k); py++) {
      const cols: string[] = [];
      for (let px = Math.floor(x * k); px < Math.ceil((x + w) * k); px++)
        cols.push(this.pixel(px, py).join(','));
      rows.push(cols.join(' '));
    }
    return rows.join('\n');
  }
}

export const isWhite = ([r, g, b]: Rgb): boolean => r === 255 && g === 255 && b === 255;
export const isNotWhite = ([r, g, b]: Rgb): boolean => r + g + b < 700;
export const isDark = ([r, g, b]: Rgb): boolean => r < 100 && g < 100 && b < 100;
/** Seal red: strongly red, little green and blue. */
export const isRed = ([r, g, b]: Rgb): boolean => r > 160 && g < 110 && b < 110 && r - g > 80;
