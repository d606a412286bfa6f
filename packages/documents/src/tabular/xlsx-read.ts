/**
 * Reads one worksheet of an XLSX file into a TableBuilder: package relationships → workbook →
 * sheet, shared strings (rich text included, phonetic runs left out), date styles, and the cells.
 * Formula cells are never evaluated: their cached result is dropped and the formula text kept, flagged.
 */
import { importError } from './errors.js';
import type { TableBuilder } from './table-builder.js';
import type { CellProblem, TableLimits } from './types.js';
import { decodeOoxmlEscapes, parseXml } from './xml.js';
import { isDateFormat, plainNumber, serialToIsoDate } from './xlsx-values.js';
import { openZip, type ZipArchive } from './zip-read.js';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;
const MAX_ROW = 1_048_576;

interface Relationship {
  readonly type: string;
  readonly target: string;
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  importError('MALFORMED_XLSX', message, details);

/** Resolves a relationship target against the folder of the part that holds it. */
function resolvePart(baseFolder: string, target: string): string {
  const segments = target.startsWith('/') ? [] : baseFolder.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw invalid('a relationship points outside the package', { target });
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}

function folderOf(part: string): string {
  return part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '';
}

function relsPathOf(part: string): string {
  const folder = folderOf(part);
  const file = part.slice(folder ? folder.length + 1 : 0);
  return `${folder ? `${folder}/` : ''}_rels/${file}.rels`;
}

function readRelationships(zip: ZipArchive, part: string): Map<string, Relationship> {
  const relsPath = relsPathOf(part);
  const rels = new Map<string, Relationship>();
  if (!zip.has(relsPath)) return rels;
  parseXml(zip.read(relsPath), relsPath, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Id || !a.Target) return;
      rels.set(a.Id, { type: a.Type ?? '', target: resolvePart(folderOf(part), a.Target) });
    },
  });
  return rels;
}

function checkContentTypes(zip: ZipArchive): void {
  if (!zip.has('[Content_Types].xml')) {
    throw importError('NOT_A_SPREADSHEET', 'a zip file, but not an Excel workbook');
  }
  const types: string[] = [];
  parseXml(zip.read('[Content_Types].xml'), '[Content_Types].xml', {
    open(name, a) {
      if ((name === 'Override' || name === 'Default') && a.ContentType) types.push(a.ContentType);
    },
  });
  const macros = () => importError('MACROS', 'macro-enabled workbooks are not accepted; save as .xlsx');
  if (types.some((t) => t.includes('sheet.binary'))) {
    throw importError('NOT_A_SPREADSHEET', 'binary workbooks (.xlsb) are not accepted; save as .xlsx');
  }
  if (types.some((t) => /macroEnabled|vbaProject/i.test(t))) throw macros();
  if (zip.names().some((n) => /vbaProject\.bin$/i.test(n))) throw macros();
}

interface SheetRef {
  readonly name: string;
  readonly part: string;
}

interface Workbook {
  readonly sheets: SheetRef[];
  readonly date1904: boolean;
  readonly sharedStringsPart: string | undefined;
  readonly stylesPart: string | undefined;
}

function readWorkbook(zip: ZipArchive): Workbook {
  const office = [...readRelationships(zip, '').values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type));
  if (!office || !zip.has(office.target)) {
    throw importError('NOT_A_SPREADSHEET', 'a zip file, but not an Excel workbook');
  }
  const rels = readRelationships(zip, office.target);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  parseXml(zip.read(office.target), office.target, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = a.id ? rels.get(a.id) : undefined;
      if (rel && REL_WORKSHEET.test(rel.type)) sheets.push({ name: a.name ?? '', part: rel.target });
    },
  });
  const partOf = (type: RegExp) => [...rels.values()].find((r) => type.test(r.type))?.target;
  return {
    sheets,
    date1904,
    sharedStringsPart: partOf(REL_SHARED_STRINGS),
    stylesPart: partOf(REL_STYLES),
  };
}

/** Text of <si> / <is>: the <t> of the element itself and of its rich-text runs, not of <rPh>. */
class StringCollector {
  private depth = 0;
  private inPhonetic = 0;
  private inText = false;
  private text = '';

  constructor(private readonly container: string) {}

  open(name: string): void {
    if (name === this.container) {
      this.depth++;
      this.text = '';
    } else if (this.depth > 0 && name === 'rPh') this.inPhonetic++;
    else if (this.depth > 0 && name === 't') this.inText = true;
  }

  /** Returns the finished text when the container closes. */
  close(name: string): string | undefined {
    if (name === 't') this.inText = false;
    else if (name === 'rPh' && this.inPhonetic > 0) this.inPhonetic--;
    else if (name === this.container && this.depth > 0) {
      this.depth--;
      return decodeOoxmlEscapes(this.text);
    }
    return undefined;
  }

  add(text: string): void {
    if (this.depth > 0 && this.inText && this.inPhonetic === 0) this.text += text;
  }
}

function readSharedStrings(zip: ZipArchive, part: string | undefined, maxChars: number): string[] {
  const strings: string[] = [];
  if (!part || !zip.has(part)) return strings;
  const si = new StringCollector('si');
  parseXml(zip.read(part), part, {
    open: (name) => si.open(name),
    close(name) {
      const done = si.close(name);
      // Over-long strings are only a problem if a cell uses them; keep a marker of the length.
      if (done !== undefined) strings.push(done.length > maxChars ? done.slice(0, maxChars + 1) : done);
    },
    text: (text) => si.add(text),
  });
  return strings;
}

/** For each cell style index (the `s` attribute): does it show a date? */
function readDateStyles(zip: ZipArchive, part: string | undefined): boolean[] {
  const dates: boolean[] = [];
  if (!part || !zip.has(part)) return dates;
  const formats = new Map<number, string>();
  const xfNumFmts: number[] = [];
  let inCellXfs = false;
  parseXml(zip.read(part), part, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfNumFmts.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of xfNumFmts) dates.push(isDateFormat(id, formats.get(id)));
  return dates;
}

/** "BC12" → column 54 (0-based), row 12. */
function parseCellRef(ref: string): { column: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1] as string) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(m[2]) };
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  readonly limits: TableLimits;
}

function readSheet(zip: ZipArchive, part: string, ctx: SheetContext, builder: TableBuilder): void {
  let line = 0;
  let cells: (string | undefined)[] = [];
  let problems: CellProblem[] = [];
  let inRow = false;
  let cell: { column: number; type: string; style: number } | null = null;
  let nextColumn = 0;
  let value = '';
  let formula: string | null = null;
  let current: 'v' | 'f' | null = null;
  const inline = new StringCollector('is');
  let inlineText: string | null = null;

  const finishCell = (c: { column: number; type: string; style: number }) => {
    const problem = (kind: CellProblem['problem'], message: string) =>
      problems.push({ column: c.column, problem: kind, message });
    if (formula === null && c.type !== 'inlineStr' && value.trim() === '') return;
    let text: string;
    if (formula !== null) {
      text = `=${formula}`;
      problem('FORMULA', 'the cell holds a formula');
    } else if (c.type === 's') {
      const index = Number(value);
      const shared = Number.isInteger(index) ? ctx.strings[index] : undefined;
      if (shared === undefined)
        throw invalid(`cell in row ${line} refers to a missing shared string`, { line });
      text = shared;
    } else if (c.type === 'inlineStr') text = inlineText ?? '';
    else if (c.type === 'b') text = value.trim() === '1' ? 'TRUE' : 'FALSE';
    else if (c.type === 'd') text = /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    else if (c.type === 'str' || c.type === 'e') text = decodeOoxmlEscapes(value);
    else text = numberText(value, c.style, c.column);
    if (text.trim() === '' && formula === null) return;
    if (c.column >= ctx.limits.maxColumns) {
      throw importError('TOO_MANY_COLUMNS', `row ${line} has more than ${ctx.limits.maxColumns} columns`, {
        line,
        maxColumns: ctx.limits.maxColumns,
      });
    }
    cells[c.column] = text;
  };

  const numberText = (stored: string, style: number, column: number): string => {
    if (stored.trim() === '') return '';
    if (ctx.dateStyles[style]) {
      const iso = serialToIsoDate(Number(stored), ctx.date1904);
      if (iso !== null) return iso;
    }
    const plain = plainNumber(stored);
    if (!plain) return stored;
    if (plain.precisionLost) {
      problems.push({
        column,
        problem: 'PRECISION',
        message: 'a long number stored as a number has lost digits; format the column as text',
      });
    }
    return plain.text;
  };

  parseXml(zip.read(part), part, {
    open(name, a) {
      if (name === 'row') {
        const r = a.r === undefined ? line + 1 : Number(a.r);
        if (!Number.isInteger(r) || r <= line || r > MAX_ROW)
          throw invalid(`bad row number ${a.r}`, { part });
        line = r;
        inRow = true;
        cells = [];
        problems = [];
        nextColumn = 0;
      } else if (name === 'c' && inRow) {
        const ref = a.r === undefined ? null : parseCellRef(a.r);
        if (a.r !== undefined && (ref === null || ref.row !== line)) {
          throw invalid(`bad cell reference ${a.r} in row ${line}`, { line });
        }
        const column = ref ? ref.column : nextColumn;
        nextColumn = column + 1;
        cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0) };
        value = '';
        formula = null;
        inlineText = null;
      } else if (cell && name === 'v') current = 'v';
      else if (cell && name === 'f') {
        current = 'f';
        formula = '';
      } else if (cell) inline.open(name);
    },
    close(name) {
      if (name === 'row' && inRow) {
        inRow = false;
        builder.addRow(line, cells, problems);
      } else if (name === 'c' && cell) {
        finishCell(cell);
        cell = null;
      } else if (name === 'v' || name === 'f') current = null;
      else if (cell) {
        const done = inline.close(name);
        if (done !== undefined) inlineText = done;
      }
    },
    text(text) {
      if (!cell) return;
      if (current === 'v') value += text;
      else if (current === 'f') formula += text;
      else inline.add(text);
    },
  });
}

/** Reads the named worksheet (or the first one) of an XLSX file into `builder`. */
export function readXlsx(
  bytes: Uint8Array,
  sheetName: string | undefined,
  limits: TableLimits,
  builder: TableBuilder,
): void {
  const zip = openZip(bytes, limits.zip);
  checkContentTypes(zip);
  const workbook = readWorkbook(zip);
  const sheet =
    sheetName === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet || !zip.has(sheet.part)) {
    throw importError(
      'SHEET_NOT_FOUND',
      sheetName === undefined ? 'the workbook has no worksheet' : `no worksheet named ${sheetName}`,
      { sheets: workbook.sheets.map((s) => s.name) },
    );
  }
  const ctx: SheetContext = {
    strings: readSharedStrings(zip, workbook.sharedStringsPart, limits.maxCellChars),
    dateStyles: readDateStyles(zip, workbook.stylesPart),
    date1904: workbook.date1904,
    limits,
  };
  readSheet(zip, sheet.part, ctx, builder);
}
