/** Attribute values of OFD parts: numbers, number lists and booleans, malformed ones named by `where`. */
import { ofdError } from './errors.js';

export function parseNumber(text: string | undefined, where: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  if (!Number.isFinite(n)) throw ofdError('OFD_MALFORMED', `${where}: "${text}" is not a number`, { where });
  return n;
}

/** "1 2.5 3" → [1, 2.5, 3]; undefined for a missing or empty value. */
export function parseNumbers(text: string | undefined, where: string): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return text
    .trim()
    .split(/[\s,]+/)
    .map((token) => {
      const n = Number(token);
      if (!Number.isFinite(n)) {
        throw ofdError('OFD_MALFORMED', `${where}: "${token}" is not a number`, { where });
      }
      return n;
    });
}

/** xs:boolean: "true"/"1" and "false"/"0"; anything else (or nothing) gives the default. */
export function parseBool(text: string | undefined, fallback: boolean): boolean {
  const t = text?.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return fallback;
}

/** "0 1 g 3 1.5 2" → [0, 1, 1.5, 1.5, 1.5, 2], at most `max` values (the rest cannot apply). */
export function expandDeltas(text: string | undefined, max: number, where: string): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const tokens = text.trim().split(/\s+/);
  const out: number[] = [];
  const number = (token: string | undefined) => {
    const n = Number(token);
    if (token === undefined || !Number.isFinite(n)) {
      throw ofdError('OFD_MALFORMED', `${where}: "${text}" is not a delta list`, { where });
    }
    return n;
  };
  for (let i = 0; i < tokens.length && out.length < max; i++) {
    if (tokens[i] === 'g') {
      const count = number(tokens[i + 1]);
      const value = number(tokens[i + 2]);
      if (!Number.isInteger(count) || count < 0) {
        throw ofdError('OFD_MALFORMED', `${where}: "g ${tokens[i + 1]}" is not a repeat count`, { where });
      }
      for (let k = 0; k < count && out.length < max; k++) out.push(value);
      i += 2;
    } else {
      out.push(number(tokens[i]));
    }
  }
  return out;
}
