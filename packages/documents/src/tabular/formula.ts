/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_DATE = /^[+-]?\d{4}(?:-\d{1,2}-\d{1,2}|\/\d{1,2}\/\d{1,2}|\d{4})$/;

/** A cell text a spreadsheet could run as a formula: starts with = + - @ tab or CR, and is not a plain number or date. */
export function isFormulaLike(cell: string): boolean {
  if (!FORMULA_START.has(cell.charAt(0))) return false;
  return !PLAIN_NUMBER.test(cell) && !PLAIN_DATE.test(cell);
}
