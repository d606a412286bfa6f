/**
 * Font subsetting with HarfBuzz (hb-subset, WebAssembly build from the harfbuzzjs package; the
 * caller reads the module's bytes from `harfbuzzSubsetWasmPath()`: this package does no file I/O).
 * fontkit's own CFF subsetter re-encodes every subroutine of a CJK font for each document (about
 * 100 ms per licence with Noto CJK); hb-subset on a preprocessed face takes a few ms. pdfkit then
 * embeds the small subset, which is cheap. Faces are loaded and preprocessed once per process.
 */
import { createRequire } from 'node:module';
import { DocumentError } from '../checks.js';

interface HarfBuzzSubset {
  readonly memory: { readonly buffer: ArrayBuffer };
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, length: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  hb_subset_preprocess(face: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;

/** The part of the WebAssembly global used here (the project's type libraries do not declare it). */
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: unknown };
    };
  }
).WebAssembly;

/** Where the hb-subset WebAssembly module is installed. */
export function harfbuzzSubsetWasmPath(): string {
  return createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
}

interface PreparedFace {
  readonly hb: HarfBuzzSubset;
  readonly face: number;
}

export interface FontSubsetter {
  /** A font holding only the glyphs of `codePoints`, as OTF/TTF bytes. */
  subset(bytes: Uint8Array, faceIndex: number, codePoints: Iterable<number>): Uint8Array;
}

/**
 * A subsetter over the hb-subset module. Each face gets a HarfBuzz instance of its own (the
 * WebAssembly build has a fixed 64 MiB heap) and is preprocessed once, on first use.
 */
export function createFontSubsetter(wasmModuleBytes: Uint8Array): FontSubsetter {
  const module = new wasm.Module(wasmModuleBytes);
  const faces = new WeakMap<Uint8Array, Map<number, PreparedFace>>();
  const prepare = (bytes: Uint8Array, index: number): PreparedFace => {
    let byIndex = faces.get(bytes);
    const cached = byIndex?.get(index);
    if (cached) return cached;
    const face = prepareFace(new wasm.Instance(module, {}).exports as HarfBuzzSubset, bytes, index);
    if (!byIndex) faces.set(bytes, (byIndex = new Map()));
    byIndex.set(index, face);
    return face;
  };
  return { subset: (bytes, faceIndex, codePoints) => subsetFace(prepare(bytes, faceIndex), codePoints) };
}

function prepareFace(hb: HarfBuzzSubset, bytes: Uint8Array, index: number): PreparedFace {
  const data = hb.malloc(bytes.length);
  if (!data) throw new DocumentError('LICENSE_FONT_INVALID', 'the font is too large to subset');
  new Uint8Array(hb.memory.buffer, data, bytes.length).set(bytes);
  const blob = hb.hb_blob_create(data, bytes.length, HB_MEMORY_MODE_READONLY, 0, 0);
  const raw = hb.hb_face_create(blob, index);
  const face = { hb, face: hb.hb_subset_preprocess(raw) };
  hb.hb_face_destroy(raw);
  hb.hb_blob_destroy(blob);
  return face;
}

const tag = (t: string): number =>
  ((t.charCodeAt(0) << 24) | (t.charCodeAt(1) << 16) | (t.charCodeAt(2) << 8) | t.charCodeAt(3)) >>> 0;
const HB_SUBSET_FLAGS_NO_HINTING = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
/**
 * Tables a horizontal licence face does not need. Without GSUB the subsetter skips the layout
 * closure (the costliest step with Noto CJK); the cmap of a Simplified Chinese face already maps
 * every character to its Simplified Chinese glyph.
 */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'VORG', 'vhea', 'vmtx', 'BASE', 'DSIG'].map(tag);

function subsetFace({ hb, face }: PreparedFace, codePoints: Iterable<number>): Uint8Array {
  const input = hb.hb_subset_input_create_or_fail();
  if (!input) throw new DocumentError('LICENSE_FONT_INVALID', 'font subsetting is out of memory');
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
  const dropped = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const t of DROPPED_TABLES) hb.hb_set_add(dropped, t);
  hb.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  if (!subset) throw new DocumentError('LICENSE_FONT_INVALID', 'the font cannot be subset');
  const blob = hb.hb_face_reference_blob(subset);
  const length = hb.hb_blob_get_length(blob);
  const out = new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(blob, 0), length).slice();
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(subset);
  return out;
}
