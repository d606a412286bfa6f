import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

type DataItem = EndpointOutput<Endpoints['getLicenseType']>['dataItems'][number];

/** A value typed in the correction form, converted to what the data item's type expects. */
export function typedValue(item: DataItem | undefined, text: string): unknown {
  const value = text.trim();
  if (item?.type === 'number' && value !== '' && Number.isFinite(Number(value))) return Number(value);
  if (item?.type === 'boolean') return value === 'true' || value === '是';
  return value;
}

/** The form's text for a stored value. */
export const valueText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
