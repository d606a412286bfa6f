import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { DataItem } from '../model';
import { FORM_ITEM_TYPES } from './DataItemField';

export type FormValue = string | number | boolean | Dayjs | null | undefined;

const isDayjs = (v: unknown): v is Dayjs => dayjs.isDayjs(v);

/** Form values → the API's data object (dates as YYYY-MM-DD, empty inputs left out). */
export function dataFromForm(items: readonly DataItem[], values: Record<string, FormValue> = {}) {
  const data: Record<string, unknown> = {};
  for (const item of items) {
    const v = values[item.code];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
    data[item.code] = isDayjs(v) ? v.format('YYYY-MM-DD') : typeof v === 'string' ? v.trim() : v;
  }
  return data;
}

/** The API's data object → form values (dates as dayjs); items the form cannot show are left out. */
export function dataToForm(items: readonly DataItem[], data: Record<string, unknown>) {
  const values: Record<string, FormValue> = {};
  for (const item of items) {
    const v = data[item.code];
    if (!FORM_ITEM_TYPES.has(item.type) || v === undefined) continue;
    values[item.code] =
      item.type === 'date' && typeof v === 'string' ? dayjs(v) : (v as string | number | boolean);
  }
  return values;
}

/** A fresh idempotency key (works without a secure context, unlike crypto.randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console:${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
