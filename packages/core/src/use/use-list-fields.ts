import { checkTypeCode } from '../catalog/type-code.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { UseListEntry } from './types.js';

export interface UseListFields {
  readonly itemCode: string;
  readonly itemName: string;
  readonly licenseTypeCode: string;
  readonly dataItems: readonly string[];
  readonly purpose: string;
  readonly dutyBased: boolean;
}

interface Problem {
  readonly field: string;
  readonly message: string;
}

const invalid = (problems: Problem[]) =>
  new AppError('USE_LIST_ENTRY_INVALID', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    problems,
  });

/**
 * Normalises the fields and checks them against the published licence type: every data item must be
 * one of the type's, named by its code.
 */
export async function checkUseListFields(r: Repositories, fields: UseListFields): Promise<UseListFields> {
  const problems: Problem[] = [];
  const itemCode = fields.itemCode.trim();
  const itemName = fields.itemName.trim();
  const purpose = fields.purpose.trim();
  const licenseTypeCode = fields.licenseTypeCode.trim().toUpperCase();
  const dataItems = fields.dataItems.map((d) => d.trim().toUpperCase());
  if (!itemCode) problems.push({ field: 'itemCode', message: '事项编码 is required' });
  if (!itemName) problems.push({ field: 'itemName', message: '事项名称 is required' });
  if (!purpose) problems.push({ field: 'purpose', message: 'the purpose is required' });
  if (dataItems.length === 0) problems.push({ field: 'dataItems', message: 'name at least one data item' });
  if (new Set(dataItems).size !== dataItems.length)
    problems.push({ field: 'dataItems', message: 'data items must be unique' });
  const codeProblems = checkTypeCode(licenseTypeCode, licenseTypeCode.slice(0, 18));
  for (const message of codeProblems) problems.push({ field: 'licenseTypeCode', message });
  if (codeProblems.length === 0) {
    const type = await r.licenseTypes.published(licenseTypeCode);
    if (!type) {
      problems.push({ field: 'licenseTypeCode', message: `no published licence type ${licenseTypeCode}` });
    } else {
      const known = new Set(type.dataItems.map((d) => d.code));
      const unknown = dataItems.filter((d) => !known.has(d));
      if (unknown.length)
        problems.push({
          field: 'dataItems',
          message: `not data items of ${type.name}: ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
        });
    }
  }
  if (problems.length) throw invalid(problems);
  return { itemCode, itemName, licenseTypeCode, dataItems, purpose, dutyBased: fields.dutyBased };
}

export const useListTarget = (e: UseListEntry) => ({
  type: 'use_list_entry',
  id: e.id,
  regionCode: e.regionCode,
});

export async function loadUseListEntry(
  r: Repositories,
  id: string,
  forUpdate = false,
): Promise<UseListEntry> {
  const entry = forUpdate ? await r.useLists.getForUpdate(id) : await r.useLists.get(id);
  if (!entry) throw new AppError('USE_LIST_ENTRY_NOT_FOUND', `use list entry ${id} not found`, { id });
  return entry;
}

export const duplicateEntry = (e: UseListFields & { departmentId: string }) =>
  new AppError('USE_LIST_ENTRY_DUPLICATE', 'the department already lists this item and licence type', {
    departmentId: e.departmentId,
    itemCode: e.itemCode,
    licenseTypeCode: e.licenseTypeCode,
  });
