import type { DataItem, Masking } from './types.js';

export interface FieldProblem {
  readonly item: string;
  readonly problem: 'REQUIRED' | 'TYPE' | 'MAX_LENGTH' | 'PATTERN' | 'ENUM' | 'DATE' | 'UNKNOWN_ITEM';
  readonly message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Checks licence data against the type's data items: every problem, per field, never only the first. */
export function validateLicenseData(
  items: readonly DataItem[],
  values: Record<string, unknown>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(items.map((i) => i.code));
  for (const key of Object.keys(values)) {
    if (!known.has(key))
      problems.push({ item: key, problem: 'UNKNOWN_ITEM', message: `no data item ${key}` });
  }
  for (const item of items) {
    const value = values[item.code];
    if (value === undefined || value === null || value === '') {
      if (item.required)
        problems.push({ item: item.code, problem: 'REQUIRED', message: `${item.labelZh} is required` });
      continue;
    }
    const fail = (problem: FieldProblem['problem'], message: string) =>
      problems.push({ item: item.code, problem, message });
    switch (item.type) {
      case 'text':
      case 'enum':
      case 'image': {
        if (typeof value !== 'string') {
          fail('TYPE', 'expected text');
          break;
        }
        if (item.maxLength !== undefined && [...value].length > item.maxLength)
          fail('MAX_LENGTH', `at most ${item.maxLength} characters`);
        if (item.pattern && !new RegExp(`^(?:${item.pattern})$`, 'u').test(value))
          fail('PATTERN', `does not match ${item.pattern}`);
        if (item.type === 'enum' && !(item.enumValues ?? []).includes(value))
          fail('ENUM', `one of ${(item.enumValues ?? []).join(', ')}`);
        break;
      }
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) fail('TYPE', 'expected a number');
        break;
      case 'boolean':
        if (typeof value !== 'boolean') fail('TYPE', 'expected true or false');
        break;
      case 'date':
        if (typeof value !== 'string' || !validDate(value))
          fail('DATE', 'expected a real date as YYYY-MM-DD');
        break;
      case 'table':
        if (
          !Array.isArray(value) ||
          value.some(
            (row) =>
              typeof row !== 'object' ||
              row === null ||
              Object.keys(row).some((k) => !(item.columns ?? []).includes(k)),
          )
        ) {
          fail('TYPE', `expected rows with columns ${(item.columns ?? []).join(', ')}`);
        }
        break;
    }
  }
  return problems;
}

/** A value as public pages show it. Code points, not UTF-16 units, so rare characters stay whole. */
export function maskValue(value: string, masking: Masking): string {
  if (masking.kind === 'none') return value;
  const chars = [...value];
  if (masking.kind === 'hidden') return '*'.repeat(Math.min(chars.length, 6));
  if (chars.length <= masking.keepStart + masking.keepEnd) return '*'.repeat(chars.length);
  return [
    ...chars.slice(0, masking.keepStart),
    ...'*'.repeat(chars.length - masking.keepStart - masking.keepEnd),
    ...chars.slice(chars.length - masking.keepEnd),
  ].join('');
}
