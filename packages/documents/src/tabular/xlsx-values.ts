/** Turning stored XLSX numbers into the text a user sees: plain decimals and ISO dates. */

/** Excel keeps 15 significant digits; a number with a longer integer part has lost digits. */
const EXCEL_DIGITS = 15;
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export interface PlainNumber {
  readonly text: string;
  /** The integer part has more digits than a spreadsheet keeps (an ID number stored as a number). */
  readonly precisionLost: boolean;
}

function expand(sign: string, digits: string, point: number): string {
  let intPart: string;
  let fraction: string;
  if (point <= 0) {
    intPart = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    intPart = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const text = fraction ? `${intPart}.${fraction}` : intPart;
  return text === '0' ? '0' : sign === '-' ? `-${text}` : text;
}

/** The stored literal as a plain decimal (never scientific notation); null if it is not a number. */
export function plainNumber(literal: string): PlainNumber | null {
  const m = NUMBER.exec(literal.trim());
  if (!m) return null;
  const [, sign = '', intDigits = '', fracDigits = '', exponentText = '0'] = m;
  if (intDigits === '' && fracDigits === '') return null;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > 330) return null;
  const digits = intDigits + fracDigits;
  const point = intDigits.length + exponent;
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '');
  const firstNonZero = digits.search(/[1-9]/);
  const integerDigits = firstNonZero < 0 ? 0 : point - firstNonZero;
  if (integerDigits > EXCEL_DIGITS) return { text: expand(sign, digits, point), precisionLost: true };
  if (significant.length > EXCEL_DIGITS) {
    // Binary floating-point noise such as 0.30000000000000004: show what Excel shows.
    const rounded = NUMBER.exec(Number(literal).toPrecision(EXCEL_DIGITS));
    if (rounded) {
      const [, rSign = '', rInt = '', rFrac = '', rExp = '0'] = rounded;
      return { text: expand(rSign, rInt + rFrac, rInt.length + Number(rExp)), precisionLost: false };
    }
  }
  return { text: expand(sign, digits, point), precisionLost: false };
}

const DAY_MS = 86_400_000;
/** Serial 1 is 1900-01-01, and Excel counts a 1900-02-29 that never was (serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const LAST_SERIAL = 2_958_465; // 9999-12-31

/** An Excel date serial as YYYY-MM-DD (the time of day is dropped); null when out of range. */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > LAST_SERIAL) return null;
  const day = Math.floor(serial + 1e-9);
  if (date1904) return isoDate(EPOCH_1904 + day * DAY_MS);
  if (day === 0) return null;
  if (day === 60) return '1900-02-29';
  return isoDate(EPOCH_1900 + (day < 60 ? day : day - 1) * DAY_MS);
}

function isoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Built-in number formats that show a date (including the zh-CN ones, e.g. 31 = yyyy"年"m"月"d"日"). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58,
]);

/** Whether a cell style's number format shows a date (not only a time of day). */
export function isDateFormat(numFmtId: number, formatCode: string | undefined): boolean {
  if (formatCode === undefined) return BUILT_IN_DATE_FORMATS.has(numFmtId);
  const firstSection = formatCode.split(';')[0] ?? '';
  const tokens = firstSection
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h') // elapsed time, e.g. [h]:mm
    .replace(/\[[^\]]*\]/g, '');
  if (/[yd]/i.test(tokens)) return true;
  return /m/i.test(tokens) && !/[hs]/i.test(tokens);
}
