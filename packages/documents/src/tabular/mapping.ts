/**
 * Applies a column mapping to a table: each mapped cell becomes a typed licence value, and every
 * cell that cannot be imported becomes a row problem. Catalogue rules (required items, patterns,
 * enum values) are the caller's to check afterwards on the converted values.
 */
import { DocumentError } from '../checks.js';
import {
  isLongTerm,
  looksLikeScientificInteger,
  parseBooleanText,
  parseDateText,
  parseNumberText,
} from './convert.js';
import { isFormulaLike } from './formula.js';
import type { Table } from './types.js';

export type ItemType = 'text' | 'number' | 'date' | 'enum' | 'boolean' | 'image' | 'table';

/** A data item of the licence type, as far as importing needs it. */
export interface ItemSpec {
  readonly code: string;
  readonly type: ItemType;
}

export const LICENSE_FIELDS = [
  '$holderCode',
  '$holderCodeType',
  '$holderName',
  '$licenseNumber',
  '$validFrom',
  '$validTo',
  '$issueDate',
] as const;
export type LicenseField = (typeof LICENSE_FIELDS)[number];

export interface ColumnMapping {
  /** Data item code or licence field → header of the column that holds it. */
  readonly columns: Readonly<Record<string, string>>;
}

export type RowProblemKind = 'FORMULA' | 'PRECISION' | 'TYPE' | 'DATE';

export interface RowProblem {
  readonly line: number;
  /** The header of the column. */
  readonly column: string;
  /** The data item code or licence field. */
  readonly item: string;
  readonly problem: RowProblemKind;
  readonly message: string;
}

export type ItemValue = string | number | boolean;

export interface MappedRow {
  readonly line: number;
  /** 照面 data by item code; empty cells are left out. */
  readonly data: Record<string, ItemValue>;
  readonly holder: { readonly code?: string; readonly codeType?: string; readonly name?: string };
  readonly licenseNumber?: string;
  readonly issueDate?: string;
  readonly validFrom?: string;
  readonly validTo?: string;
  /** The validTo cell said 长期 (long-term). */
  readonly longTerm: boolean;
}

export interface MappingResult {
  /** Rows without problems, in file order. */
  readonly rows: MappedRow[];
  readonly problems: RowProblem[];
  /** Table headers no mapping entry uses (their cells are not imported). */
  readonly unmappedHeaders: string[];
}

const DATE_FIELDS = new Set<string>(['$validFrom', '$validTo', '$issueDate']);
const IMPORTABLE = new Set<ItemType>(['text', 'number', 'date', 'enum', 'boolean']);

interface Target {
  readonly key: string;
  readonly header: string;
  readonly index: number;
  /** Item type, or 'date' / 'text' for licence fields. */
  readonly type: ItemType;
}

function resolveTargets(table: Table, mapping: ColumnMapping, items: readonly ItemSpec[]): Target[] {
  const itemTypes = new Map(items.map((i) => [i.code, i.type]));
  const unknownKeys: string[] = [];
  const missingHeaders: string[] = [];
  const ambiguousHeaders: string[] = [];
  const unsupportedItems: string[] = [];
  const targets: Target[] = [];
  for (const [key, rawHeader] of Object.entries(mapping.columns)) {
    const header = typeof rawHeader === 'string' ? rawHeader.trim() : '';
    const fieldType = (LICENSE_FIELDS as readonly string[]).includes(key)
      ? DATE_FIELDS.has(key)
        ? 'date'
        : 'text'
      : undefined;
    const type = fieldType ?? itemTypes.get(key);
    if (!type) unknownKeys.push(key);
    else if (!IMPORTABLE.has(type)) unsupportedItems.push(key);
    const positions = table.headers.flatMap((h, i) => (h === header && header !== '' ? [i] : []));
    if (positions.length === 0) missingHeaders.push(rawHeader);
    else if (positions.length > 1) ambiguousHeaders.push(header);
    if (type && IMPORTABLE.has(type) && positions.length === 1) {
      targets.push({ key, header, index: positions[0] as number, type });
    }
  }
  if (unknownKeys.length + missingHeaders.length + ambiguousHeaders.length + unsupportedItems.length > 0) {
    throw new DocumentError(
      'MAPPING_INVALID',
      'the column mapping does not fit the file or the licence type',
      {
        unknownKeys,
        missingHeaders,
        ambiguousHeaders,
        unsupportedItems,
      },
    );
  }
  return targets;
}

type Converted = { value: ItemValue } | { problem: RowProblemKind; message: string } | null;

function convert(target: Target, raw: string): Converted {
  if (isFormulaLike(raw)) return { problem: 'FORMULA', message: 'the cell starts like a formula (= + - @)' };
  const text = raw.trim();
  if (text === '') return null;
  switch (target.type) {
    case 'number': {
      const n = parseNumberText(text);
      return n === null ? { problem: 'TYPE', message: 'expected a number' } : { value: n };
    }
    case 'boolean': {
      const b = parseBooleanText(text);
      return b === null ? { problem: 'TYPE', message: 'expected 是/否, true/false or 1/0' } : { value: b };
    }
    case 'date': {
      if (target.key === '$validTo' && isLongTerm(text)) return { value: true };
      const d = parseDateText(text);
      return d === null
        ? { problem: 'DATE', message: 'expected a date: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or YYYYMMDD' }
        : { value: d };
    }
    default:
      return looksLikeScientificInteger(text)
        ? { problem: 'PRECISION', message: 'a long number shown in scientific notation has lost digits' }
        : { value: text };
  }
}

function buildRow(line: number, values: ReadonlyMap<string, ItemValue>): MappedRow {
  const data: Record<string, ItemValue> = {};
  for (const [key, value] of values) if (!key.startsWith('$')) data[key] = value;
  const text = (key: LicenseField) => {
    const v = values.get(key);
    return typeof v === 'string' ? v : undefined;
  };
  const longTerm = values.get('$validTo') === true;
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    line,
    data,
    holder: defined({
      code: text('$holderCode'),
      codeType: text('$holderCodeType'),
      name: text('$holderName'),
    }),
    ...defined({
      licenseNumber: text('$licenseNumber'),
      issueDate: text('$issueDate'),
      validFrom: text('$validFrom'),
      validTo: text('$validTo'),
    }),
    longTerm,
  };
}

/**
 * Converts the mapped columns of every row. Throws DocumentError MAPPING_INVALID up front (unknown
 * item codes, headers missing from or repeated in the file, image/table items); per-cell problems
 * go to `problems`, and a row with any problem is left out of `rows`.
 */
export function applyMapping(
  table: Table,
  mapping: ColumnMapping,
  items: readonly ItemSpec[],
): MappingResult {
  const targets = resolveTargets(table, mapping, items);
  const used = new Set(targets.map((t) => t.index));
  const rows: MappedRow[] = [];
  const problems: RowProblem[] = [];
  for (const row of table.rows) {
    const values = new Map<string, ItemValue>();
    let rejected = false;
    for (const target of targets) {
      const flagged = row.cellProblems?.find((p) => p.column === target.index);
      const result: Converted = flagged
        ? { problem: flagged.problem, message: flagged.message }
        : convert(target, row.cells[target.index] ?? '');
      if (result === null) continue;
      if ('problem' in result) {
        rejected = true;
        problems.push({ line: row.line, column: target.header, item: target.key, ...result });
      } else values.set(target.key, result.value);
    }
    if (!rejected) rows.push(buildRow(row.line, values));
  }
  return { rows, problems, unmappedHeaders: table.headers.filter((h, i) => h !== '' && !used.has(i)) };
}
