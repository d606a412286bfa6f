/** Cell text → typed licence values. Full-width digits and punctuation are normalised first (NFKC). */

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASH_DAY = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const DOT_DAY = /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/;
const CHINESE_DAY = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
/** Database exports often add a time of day: "2024-03-01 00:00:00". */
const TIME_SUFFIX = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD (a real date) → ISO YYYY-MM-DD. */
export function parseDateText(text: string): string | null {
  let t = text.normalize('NFKC').trim();
  if (!CHINESE_DAY.test(t)) t = t.replace(TIME_SUFFIX, '');
  const m =
    ISO_DAY.exec(t) ?? SLASH_DAY.exec(t) ?? DOT_DAY.exec(t) ?? CHINESE_DAY.exec(t) ?? COMPACT_DAY.exec(t);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  if (year < 1000) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Decimal text, thousands separators allowed ("1,234.5"); null if not a finite number. */
export function parseNumberText(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (!NUMBER.test(t) && !GROUPED.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS = new Set(['是', 'true', '1']);
const FALSE_WORDS = new Set(['否', 'false', '0']);

/** 是/否, true/false (any case, as Excel shows booleans: TRUE/FALSE), 1/0. */
export function parseBooleanText(text: string): boolean | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

/** "1.10101199001011E+17": how a spreadsheet shows a long number; the last digits are gone. */
export function looksLikeScientificInteger(text: string): boolean {
  return /^[+-]?\d\.\d+[eE]\+?\d{2,}$/.test(text.normalize('NFKC').trim());
}

const LONG_TERM = new Set(['长期', '长期有效', '永久', '永久有效']);

export function isLongTerm(text: string): boolean {
  return LONG_TERM.has(text.normalize('NFKC').trim());
}
