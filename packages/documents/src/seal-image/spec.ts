/** What a generated seal image looks like: the three standard shapes and their checked options. */
import { DocumentError } from '../checks.js';
import type { SealFont } from './font.js';

/** The default seal red (印章红). */
export const SEAL_RED = '#E60012';

interface SealSpecBase {
  /** Face used for all text, from `loadSealFont`. */
  readonly font: SealFont;
  /** `#RRGGBB`, default SEAL_RED. */
  readonly color?: string;
  /** Width of the border line in mm (round 1.2, oval 1.0, square 1.0 by default). */
  readonly borderMm?: number;
}

/** Round official seal (法定名称章, 合同专用章 …): star in the centre, name on the upper arc. */
export interface RoundSealSpec extends SealSpecBase {
  readonly shape: 'round';
  /** Unit name on the upper arc; may be empty. */
  readonly name: string;
  /** Diameter in mm, default 42 (e.g. 40 or 38 for smaller seals), 20–60. */
  readonly diameterMm?: number;
  /** Horizontal text below the star, e.g. 合同专用章. */
  readonly bottomText?: string;
  /** Seal code digits along the lower inner arc. */
  readonly code?: string;
  /** Draw the five-pointed star (default true). */
  readonly star?: boolean;
}

/** Oval seal for finance-style seals (财务专用章, 发票专用章). */
export interface OvalSealSpec extends SealSpecBase {
  readonly shape: 'oval';
  readonly name: string;
  /** Default 45 × 30 mm; width 20–80, height 15–60, width ≥ height. */
  readonly widthMm?: number;
  readonly heightMm?: number;
  /** Horizontal text in the middle, e.g. the USCC (税号) or 发票专用章. */
  readonly middleText?: string;
  /** Horizontal text near the bottom, e.g. 发票专用章. */
  readonly bottomText?: string;
}

/** Square personal name seal (个人名章): 2–4 characters in a grid. */
export interface SquareSealSpec extends SealSpecBase {
  readonly shape: 'square';
  /** 2 characters → one column of two; 3 → name + 印 in 2 × 2; 4 → 2 × 2 (read top-right first). */
  readonly name: string;
  /** Side in mm, default 20, 10–40. */
  readonly sizeMm?: number;
}

export type SealImageSpec = RoundSealSpec | OvalSealSpec | SquareSealSpec;

export function invalidSpec(message: string, details?: Record<string, unknown>): DocumentError {
  return new DocumentError('SEAL_IMAGE_INVALID_SPEC', message, details);
}

export function checkColor(color: string | undefined): string {
  const c = color ?? SEAL_RED;
  if (typeof c !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(c)) {
    throw invalidSpec('color must be #RRGGBB', { color });
  }
  return c.toUpperCase();
}

export function checkSize(
  field: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw invalidSpec(`${field} must be a number from ${min} to ${max}`, { [field]: value });
  }
  return v;
}

/** Trimmed text; refuses non-strings and control characters. */
export function checkText(field: string, value: unknown, maxChars: number): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalidSpec(`${field} must be a string`, { field });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    throw invalidSpec(`${field} contains control characters`, { field });
  }
  const text = value.trim();
  if ([...text].length > maxChars) {
    throw invalidSpec(`${field} is longer than ${maxChars} characters`, { field, length: [...text].length });
  }
  return text;
}

/** Refuse, listing every character the font lacks (never draw blanks). */
export function checkGlyphs(font: SealFont, texts: readonly string[]): void {
  const missing = font.missingCharacters(texts.join(''));
  if (missing.length) {
    throw new DocumentError(
      'SEAL_IMAGE_GLYPH_MISSING',
      `the font ${font.postscriptName} has no glyph for: ${missing.join(' ')}`,
      { characters: missing, font: font.postscriptName },
    );
  }
}
