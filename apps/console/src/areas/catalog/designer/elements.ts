import type { DataItem } from '../model';

type Label = readonly [zh: string, en: string];

/** The GB/T 36903 elements every licence has, printable on the face under their pinyin codes. */
export const STANDARD_ELEMENTS: Record<string, Label> = {
  ZZMC: ['证照名称', 'Licence name'],
  ZZBH: ['证照编号', 'Licence number'],
  ZZBS: ['证照标识', 'Licence identifier'],
  ZZBFJG: ['颁发机构', 'Issuing authority'],
  ZZBFJGDM: ['颁发机构代码', 'Issuing authority code'],
  ZZBFRQ: ['颁发日期', 'Date of issue'],
  CZZT: ['持证主体', 'Holder'],
  CZZTDM: ['持证主体代码', 'Holder code'],
  CZZTDMLX: ['持证主体代码类型', 'Holder code type'],
  ZZYXQQSRQ: ['有效期起始日期', 'Valid from'],
  ZZYXQJZRQ: ['有效期截止日期', 'Valid to'],
};

/** The name of what a text box prints: a data item's name, else a standard element's. */
export function itemName(code: string, items: readonly DataItem[], t: (zh: string, en: string) => string) {
  const item = items.find((i) => i.code === code);
  if (item) return t(item.labelZh, item.labelEn);
  const element = STANDARD_ELEMENTS[code];
  return element ? t(...element) : code;
}

/** Dates print with a date format; the standard date elements and date data items are dates. */
export function isDateItem(code: string, items: readonly DataItem[]) {
  return (
    ['ZZBFRQ', 'ZZYXQQSRQ', 'ZZYXQJZRQ'].includes(code) ||
    items.some((i) => i.code === code && i.type === 'date')
  );
}
