import type { FormInstance } from 'antd';
import { ApiError } from '../../../api';

interface Problem {
  item: string;
  problem?: string;
  message: string;
}

const FIELDS: Record<string, (string | number)[]> = {
  'holder.name': ['holder', 'name'],
  'holder.code': ['holder', 'code'],
  'holder.codeType': ['holder', 'codeType'],
  holderName: ['holder', 'name'],
  licenseNumber: ['licenseNumber'],
  issueDate: ['issueDate'],
  validFrom: ['validFrom'],
  validTo: ['validTo'],
};

/** The per-field problems of a LICENSE_DATA_INVALID answer (empty for any other error). */
export function itemProblems(e: unknown): Problem[] {
  if (!(e instanceof ApiError)) return [];
  const problems = (e.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems)
    ? problems.filter((p): p is Problem => typeof p === 'object' && p !== null && 'item' in p)
    : [];
}

/**
 * Shows the server's problems at their fields (holder code check digits, dates, data items);
 * returns those that belong to no field of the form.
 */
export function showProblems(form: FormInstance, problems: readonly Problem[], dataCodes: readonly string[]) {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: Problem[] = [];
  for (const p of problems) {
    const name = FIELDS[p.item] ?? (dataCodes.includes(p.item) ? ['data', p.item] : undefined);
    if (!name) {
      unplaced.push(p);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(p.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = byField.values().next().value;
  if (first) form.scrollToField(first.name);
  return unplaced;
}
