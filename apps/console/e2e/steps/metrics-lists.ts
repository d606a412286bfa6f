import type { Locator, Page } from 'playwright-core';
import { chooseOption, dialog } from './admin.js';

/** A line of the 应开通证照目录 as the form takes it; `department` is (part of) the department's name. */
export interface ObligatoryEntryInput {
  readonly department: string;
  readonly typeName: string;
  readonly typeCode?: string;
  readonly note?: string;
  readonly serviceItems?: readonly { readonly code: string; readonly name: string }[];
}

/** A line of the 事项清单; `department` is (part of) the department's name. */
export interface ServiceItemInput {
  readonly department: string;
  readonly code: string;
  readonly name: string;
}

/** How a save ended: the dialog closed (saved), or it stayed open with the server's or form's error. */
export type SaveOutcome = { readonly saved: true } | { readonly saved: false; readonly error: string };

const ADD_OBLIGATORY = '添加应开通证照';
const ADD_SERVICE_ITEM = '添加事项';

async function saveOutcome(page: Page, form: Locator): Promise<SaveOutcome> {
  await form.getByRole('button', { name: '保存' }).click();
  const refusal = form.getByRole('alert');
  const fieldError = form.locator('.ant-form-item-explain-error');
  // The outcomes that do not happen time out later: they are caught so that nothing is left unhandled.
  const ended = await Promise.race(
    [
      form.waitFor({ state: 'hidden' }).then(() => 'saved' as const),
      refusal
        .first()
        .waitFor()
        .then(() => 'refused' as const),
      fieldError
        .first()
        .waitFor()
        .then(() => 'invalid' as const),
    ].map((p) => p.catch(() => 'timeout' as const)),
  );
  if (ended === 'timeout') throw new Error('the dialog neither closed nor showed an error');
  if (ended === 'saved') return { saved: true };
  const shown = ended === 'refused' ? refusal.first() : fieldError.first();
  return { saved: false, error: ((await shown.textContent()) ?? '').trim() };
}

async function openForm(page: Page, path: string, button: string): Promise<Locator> {
  if (!page.url().endsWith(path)) await page.goto(path);
  await page.getByRole('button', { name: button }).click();
  const form = dialog(page, button);
  await form.waitFor();
  return form;
}

/**
 * On 应开通证照目录: lists a licence type a department must open (catalogue administrators). The dialog
 * is left open when the save is refused; the outcome says why.
 */
export async function addObligatoryEntryViaUi(page: Page, entry: ObligatoryEntryInput): Promise<SaveOutcome> {
  const form = await openForm(page, '/console/metrics/obligatory', ADD_OBLIGATORY);
  await chooseOption(page, form.getByLabel('应开通部门'), entry.department, entry.department);
  await form.getByLabel('证照名称').fill(entry.typeName);
  if (entry.typeCode) await form.getByLabel('证照类型代码').fill(entry.typeCode);
  for (const [i, item] of (entry.serviceItems ?? []).entries()) {
    await form.getByRole('button', { name: '添加关联事项' }).click();
    await form.getByLabel(`第 ${i + 1} 项事项编码`).fill(item.code);
    await form.getByLabel(`第 ${i + 1} 项事项名称`).fill(item.name);
  }
  if (entry.note) await form.getByLabel('备注').fill(entry.note);
  return saveOutcome(page, form);
}

/** On 事项清单: enters a department's service item (region administrators); refusals as above. */
export async function addServiceItemViaUi(page: Page, item: ServiceItemInput): Promise<SaveOutcome> {
  const form = await openForm(page, '/console/metrics/service-items', ADD_SERVICE_ITEM);
  await chooseOption(page, form.getByLabel('所属部门'), item.department, item.department);
  await form.getByLabel('事项编码').fill(item.code);
  await form.getByLabel('事项名称').fill(item.name);
  return saveOutcome(page, form);
}

/** Closes a dialog left open by a refused save. */
export async function cancelDialogViaUi(page: Page, title: string): Promise<void> {
  const form = dialog(page, title);
  await form.getByRole('button', { name: '取消' }).click();
  await form.waitFor({ state: 'hidden' });
}

/**
 * On the current list page: removes the row whose 移除 button is labelled `移除 NAME`, confirming with
 * the reason.
 */
export async function removeListLineViaUi(page: Page, name: string, reason: string): Promise<void> {
  await page.getByRole('button', { name: `移除 ${name}`, exact: true }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `确定移除「` });
  await confirm.getByLabel('移除原因').fill(reason);
  await confirm.getByRole('button', { name: '确认移除' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: `移除 ${name}`, exact: true }).waitFor({ state: 'detached' });
}
