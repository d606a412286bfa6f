import { ofdError } from './errors.js';
import type { OfdBox, OfdMatrix } from './types.js';

const numbers = (text: string): number[] =>
  text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

/** "x y w h" → box; malformed boxes are an OFD_MALFORMED error naming `where`. */
export function parseBox(text: string | undefined, where: string): OfdBox {
  const n = text === undefined ? [] : numbers(text);
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) {
    throw ofdError('OFD_MALFORMED', `${where}: "${text ?? ''}" is not a box (x y width height)`, { where });
  }
  return { x: n[0]!, y: n[1]!, width: n[2]!, height: n[3]! };
}

export function parseMatrix(text: string | undefined, where: string): OfdMatrix | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = numbers(text);
  if (n.length !== 6 || n.some((v) => !Number.isFinite(v))) {
    throw ofdError('OFD_MALFORMED', `${where}: "${text}" is not a matrix (a b c d e f)`, { where });
  }
  return n as unknown as OfdMatrix;
}

/** Numbers written with at most 4 decimals, without trailing zeros (for the writers). */
export const fmt = (v: number): string => {
  const r = Math.round(v * 10_000) / 10_000;
  return Object.is(r, -0) ? '0' : String(r);
};

export const boxText = (b: OfdBox): string => [b.x, b.y, b.width, b.height].map(fmt).join(' ');
