/**
 * Draws the content of one OFD page onto a canvas: layers (Background, Body, Foreground), then
 * visible annotations. Object coordinates are relative to the object's Boundary origin, with its
 * CTM applied (GB/T 33190 §8.5); composite units and page blocks nest that space.
 */
import type { Canvas, Path2D, SKRSContext2D } from '@napi-rs/canvas';
import { multiply, type Matrix } from '../seal-image/draw.js';
import { ofdError } from './errors.js';
import { cssColor } from './render-color.js';
import { embeddedFont, type FallbackFont, type GlyphFont } from './render-fonts.js';
import { decodeImage } from './render-image.js';
import { ofdPath2D } from './render-path.js';
import { drawText } from './render-text.js';
import type {
  OfdClip,
  OfdColor,
  OfdDocument,
  OfdDrawParam,
  OfdFont,
  OfdGraphic,
  OfdGraphicBase,
  OfdImage,
  OfdLayer,
  OfdPage,
  OfdPath,
  OfdText,
} from './types.js';

/**
 * Objects plus characters drawn for one page (nested seal pages included), composite units counted
 * each time they are used. About 15 µs each: the limit bounds a page to seconds.
 */
export const MAX_DRAW_OPERATIONS = 1_000_000;
/** Parsed paths kept per page (tables repeat the same cell borders). */
const PATH_CACHE_SIZE = 10_000;
/** Composite units and page blocks inside each other. */
const MAX_NESTING = 16;
/** GB/T 33190 §8.5: the default line width, 0.353 mm (1 pt). */
const DEFAULT_LINE_WIDTH = 0.353;
const BLACK = 'rgba(0,0,0,1)';

/** What every page drawn for one render shares (nested seal pages included). */
export interface DrawSession {
  readonly ctx: SKRSContext2D;
  readonly fallback: readonly FallbackFont[];
  /** Work left before OFD_LIMIT_EXCEEDED. */
  operations: number;
}

/** Stroke and fill parameters after DrawParam inheritance and the object's own attributes. */
interface Paint {
  readonly lineWidth?: number;
  readonly fillColor?: OfdColor;
  readonly strokeColor?: OfdColor;
  readonly cap?: string;
  readonly join?: string;
  readonly miterLimit?: number;
  readonly dashPattern?: readonly number[];
  readonly dashOffset?: number;
}

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export const translate = (x: number, y: number): Matrix => [1, 0, 0, 1, x, y];
export const scale = (sx: number, sy = sx): Matrix => [sx, 0, 0, sy, 0, 0];

const LAYER_ORDER: Record<OfdLayer['type'], number> = { Background: 0, Body: 1, Foreground: 2 };
const CAPS: Record<string, 'butt' | 'round' | 'square'> = { butt: 'butt', round: 'round', square: 'square' };
const JOINS: Record<string, 'miter' | 'round' | 'bevel'> = { miter: 'miter', round: 'round', bevel: 'bevel' };

export class PageDrawer {
  readonly #ctx: SKRSContext2D;
  readonly #drawParams = new Map<string, Paint>();
  readonly #images = new Map<string, Promise<Canvas | undefined>>();
  readonly #fonts = new Map<string, GlyphFont | undefined>();
  readonly #activeUnits = new Set<string>();
  readonly #unitCosts = new Map<string, number>();
  readonly #paths = new Map<string, Path2D | undefined>();

  constructor(
    readonly doc: OfdDocument,
    readonly page: OfdPage,
    readonly session: DrawSession,
  ) {
    this.#ctx = session.ctx;
  }

  /** Layers in Z order, then visible annotations; `pageMatrix` maps page millimetres to pixels. */
  async drawContent(pageMatrix: Matrix): Promise<void> {
    // Refuse a page whose composite units multiply beyond the budget before drawing any of it.
    let cost = 0;
    for (const layer of this.page.layers) cost += this.#costOf(layer.objects, 0);
    for (const annot of this.page.annotations) cost += this.#costOf(annot.objects, 0);
    if (cost > this.session.operations) this.#spend(cost);
    const layers = [...this.page.layers].sort((a, b) => LAYER_ORDER[a.type] - LAYER_ORDER[b.type]);
    for (const layer of layers) {
      const inherited = layer.drawParam ? this.#drawParam(layer.drawParam) : {};
      await this.#drawObjects(layer.objects, pageMatrix, inherited, 0);
    }
    for (const annot of this.page.annotations) {
      if (!annot.visible) continue;
      const origin = annot.boundary ? translate(annot.boundary.x, annot.boundary.y) : translate(0, 0);
      await this.#drawObjects(annot.objects, multiply(pageMatrix, origin), {}, 0);
    }
  }

  #spend(units: number): void {
    this.session.operations -= units;
    if (this.session.operations < 0) {
      throw ofdError(
        'OFD_LIMIT_EXCEEDED',
        `page ${this.page.index + 1} needs more than ${MAX_DRAW_OPERATIONS} drawing operations`,
        {
          page: this.page.index,
          maxOperations: MAX_DRAW_OPERATIONS,
        },
      );
    }
  }

  /** Operations drawing `objects` takes: objects, characters, composite units expanded (cycles: 0). */
  #costOf(objects: readonly OfdGraphic[], depth: number): number {
    let cost = 0;
    for (const object of objects) {
      cost += 1;
      if (depth > MAX_NESTING) continue;
      if (object.kind === 'block') cost += this.#costOf(object.objects, depth + 1);
      else if (object.kind === 'text') for (const code of object.codes) cost += code.text.length;
      else if (object.kind === 'composite') cost += this.#unitCost(object.resourceId, depth);
      if (cost > MAX_DRAW_OPERATIONS) return cost;
    }
    return cost;
  }

  #unitCost(id: string, depth: number): number {
    const known = this.#unitCosts.get(id);
    if (known !== undefined) return known;
    const unit = this.page.resources.compositeUnits.get(id);
    this.#unitCosts.set(id, 0); // a unit inside itself is not drawn again
    const cost = unit ? this.#costOf(unit.content, depth + 1) : 0;
    this.#unitCosts.set(id, cost);
    return cost;
  }

  #path(data: string): Path2D | undefined {
    if (this.#paths.has(data)) return this.#paths.get(data);
    const path = ofdPath2D(data);
    if (this.#paths.size >= PATH_CACHE_SIZE) this.#paths.clear();
    this.#paths.set(data, path);
    return path;
  }

  /** DrawParam `id` with its Relative chain applied (the referenced one first), cycles cut. */
  #drawParam(id: string, seen = new Set<string>()): Paint {
    const cached = this.#drawParams.get(id);
    if (cached) return cached;
    const param: OfdDrawParam | undefined = this.page.resources.drawParams.get(id);
    if (!param || seen.has(id)) return {};
    seen.add(id);
    const base = param.relative ? this.#drawParam(param.relative, seen) : {};
    const { id: _id, relative: _relative, ...own } = param;
    const resolved: Paint = { ...base, ...defined(own) };
    this.#drawParams.set(id, resolved);
    return resolved;
  }

  #paintOf(graphic: Exclude<OfdGraphic, { kind: 'block' }>, inherited: Paint): Paint {
    const object = graphic as OfdGraphicBase & Partial<Omit<OfdPath, 'kind'>>;
    const fromParam = object.drawParam ? this.#drawParam(object.drawParam) : {};
    return {
      ...inherited,
      ...fromParam,
      ...defined({
        lineWidth: object.lineWidth,
        fillColor: object.fillColor,
        strokeColor: object.strokeColor,
        cap: object.cap,
        join: object.join,
        miterLimit: object.miterLimit,
        dashPattern: object.dashPattern,
        dashOffset: object.dashOffset,
      }),
    };
  }

  async #drawObjects(
    objects: readonly OfdGraphic[],
    parent: Matrix,
    inherited: Paint,
    depth: number,
  ): Promise<void> {
    if (depth > MAX_NESTING) return;
    for (const object of objects) {
      this.#spend(1);
      if (object.kind === 'block') {
        await this.#drawObjects(object.objects, parent, inherited, depth + 1);
        continue;
      }
      if (!object.visible) continue;
      const { boundary: b } = object;
      const space = multiply(parent, translate(b.x, b.y));
      const matrix = object.ctm ? multiply(space, object.ctm as Matrix) : space;
      const clipped = this.#beginObject(object, space);
      try {
        const paint = this.#paintOf(object, inherited);
        if (object.kind === 'path') this.#drawPath(object, matrix, paint);
        else if (object.kind === 'text') this.#drawText(object, matrix, paint);
        else if (object.kind === 'image') await this.#drawImage(object, matrix);
        else await this.#drawComposite(object.resourceId, matrix, paint, depth);
      } finally {
        if (clipped) this.#ctx.restore();
        this.#ctx.globalAlpha = 1;
      }
    }
  }

  /** Alpha and clip areas (intersected) of the object; true when the canvas state was saved. */
  #beginObject(object: OfdGraphicBase, space: Matrix): boolean {
    const ctx = this.#ctx;
    ctx.globalAlpha = object.alpha === undefined ? 1 : Math.min(1, Math.max(0, object.alpha / 255));
    if (!object.clips?.length) return false;
    ctx.save();
    for (const clip of object.clips) this.#clip(clip, space);
    return true;
  }

  /** A clip's path is in the object's Boundary space, through the area's CTM, from its own Boundary origin. */
  #clip(clip: OfdClip, space: Matrix): void {
    const ctx = this.#ctx;
    const path = this.#path(clip.path);
    let m = clip.ctm ? multiply(space, clip.ctm as Matrix) : space;
    if (clip.boundary) m = multiply(m, translate(clip.boundary.x, clip.boundary.y));
    ctx.setTransform(m[0], m[1], m[2], m[3], m[4], m[5]);
    if (path) ctx.clip(path);
    else {
      // An unreadable clip hides the object rather than showing what was meant to be cut away.
      ctx.beginPath();
      ctx.clip();
    }
  }

  #drawPath(object: OfdPath, matrix: Matrix, paint: Paint): void {
    const ctx = this.#ctx;
    const path = this.#path(object.data);
    if (!path) return;
    ctx.setTransform(matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]);
    const colorSpaces = this.page.resources.colorSpaces;
    if (object.fill) {
      // GB/T 33190: a path's fill colour defaults to transparent.
      const fill = cssColor(paint.fillColor, '', colorSpaces);
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill(path, object.rule === 'Even-Odd' ? 'evenodd' : 'nonzero');
      }
    }
    if (object.stroke) {
      ctx.strokeStyle = cssColor(paint.strokeColor, BLACK, colorSpaces);
      ctx.lineWidth = paint.lineWidth ?? DEFAULT_LINE_WIDTH;
      ctx.lineCap = CAPS[paint.cap?.toLowerCase() ?? ''] ?? 'butt';
      ctx.lineJoin = JOINS[paint.join?.toLowerCase() ?? ''] ?? 'miter';
      ctx.miterLimit = paint.miterLimit !== undefined && paint.miterLimit > 0 ? paint.miterLimit : 3.528;
      const dashes = paint.dashPattern?.filter((d) => Number.isFinite(d) && d >= 0) ?? [];
      ctx.setLineDash(dashes.some((d) => d > 0) ? dashes : []);
      ctx.lineDashOffset = paint.dashOffset ?? 0;
      ctx.stroke(path);
      ctx.setLineDash([]);
    }
  }

  #embedded(font: OfdFont): GlyphFont | undefined {
    if (!font.fontFile) return undefined;
    if (!this.#fonts.has(font.fontFile)) {
      let parsed: GlyphFont | undefined;
      try {
        parsed = embeddedFont(this.doc.read(font.fontFile));
      } catch {
        parsed = undefined;
      }
      this.#fonts.set(font.fontFile, parsed);
    }
    return this.#fonts.get(font.fontFile);
  }

  #drawText(object: OfdText, matrix: Matrix, paint: Paint): void {
    const colorSpaces = this.page.resources.colorSpaces;
    const glyphs = drawText(
      this.#ctx,
      object,
      matrix,
      this.page.resources.fonts.get(object.font),
      { embedded: (font) => this.#embedded(font), fallback: this.session.fallback },
      {
        ...(object.fill ? { fill: cssColor(paint.fillColor, BLACK, colorSpaces) } : {}),
        ...(object.stroke ? { stroke: cssColor(paint.strokeColor, BLACK, colorSpaces) } : {}),
        lineWidth: paint.lineWidth ?? DEFAULT_LINE_WIDTH,
      },
    );
    this.#spend(glyphs);
  }

  #image(resourceId: string): Promise<Canvas | undefined> {
    let image = this.#images.get(resourceId);
    if (!image) {
      const media = this.page.resources.multiMedias.get(resourceId);
      let bytes: Uint8Array | undefined;
      try {
        bytes = media ? this.doc.read(media.file) : undefined;
      } catch {
        bytes = undefined;
      }
      image = bytes ? decodeImage(bytes) : Promise.resolve(undefined);
      this.#images.set(resourceId, image);
    }
    return image;
  }

  /** GB/T 33190 §10: the image fills the unit square mapped by the CTM (the Boundary without one). */
  async #drawImage(object: OfdImage, matrix: Matrix): Promise<void> {
    const image = await this.#image(object.resourceId);
    if (!image) return;
    const m = object.ctm ? matrix : multiply(matrix, scale(object.boundary.width, object.boundary.height));
    this.#ctx.setTransform(m[0], m[1], m[2], m[3], m[4], m[5]);
    this.#ctx.drawImage(image, 0, 0, 1, 1);
  }

  async #drawComposite(unitId: string, matrix: Matrix, paint: Paint, depth: number): Promise<void> {
    const unit = this.page.resources.compositeUnits.get(unitId);
    if (!unit || this.#activeUnits.has(unitId)) return;
    this.#activeUnits.add(unitId);
    try {
      await this.#drawObjects(unit.content, matrix, paint, depth + 1);
    } finally {
      this.#activeUnits.delete(unitId);
    }
  }
}
