import type { DataItem, LicenseTypeContent } from './model';

/** The editor form: shaped like the content, so server issue paths name its fields. */
export type TypeFormValues = Omit<LicenseTypeContent, 'dataItems' | 'validity'> & {
  dataItems: DataItemFormValues[];
  validity: { kind: LicenseTypeContent['validity']['kind']; years?: number; months?: number; days?: number };
};

export type DataItemFormValues = Omit<DataItem, 'maxLength' | 'pattern' | 'masking'> & {
  maxLength?: number | null;
  pattern?: string;
  masking: { kind: DataItem['masking']['kind']; keepStart?: number; keepEnd?: number };
};

export const emptyDataItem = (): DataItemFormValues => ({
  code: '',
  labelZh: '',
  labelEn: '',
  type: 'text',
  required: false,
  masking: { kind: 'none' },
});

export function formValuesOf(content: LicenseTypeContent): TypeFormValues {
  return {
    ...content,
    dataItems: content.dataItems.map((item) => ({ ...item, masking: { ...item.masking } })),
    validity: { ...content.validity },
  };
}

function dataItemOf(v: DataItemFormValues): DataItem {
  const masking: DataItem['masking'] =
    v.masking.kind === 'partial'
      ? { kind: 'partial', keepStart: v.masking.keepStart ?? 0, keepEnd: v.masking.keepEnd ?? 0 }
      : { kind: v.masking.kind };
  return {
    code: v.code.trim(),
    labelZh: v.labelZh.trim(),
    labelEn: v.labelEn.trim(),
    type: v.type,
    required: !!v.required,
    ...(v.maxLength ? { maxLength: v.maxLength } : {}),
    ...(v.pattern ? { pattern: v.pattern } : {}),
    ...(v.type === 'enum' ? { enumValues: v.enumValues ?? [] } : {}),
    ...(v.type === 'table' ? { columns: v.columns ?? [] } : {}),
    masking,
  };
}

/**
 * The content to send: the form's fields over the current content (fields the form does not show,
 * such as the face template, stay as they are).
 */
export function contentOfForm(values: TypeFormValues, base: LicenseTypeContent): LicenseTypeContent {
  const v = values.validity;
  return {
    ...base,
    name: values.name,
    definer: values.definer,
    holderCategory: values.holderCategory,
    holderCodeTypes: values.holderCodeTypes ?? [],
    validity:
      v.kind === 'fixed'
        ? { kind: 'fixed', years: v.years ?? 0, months: v.months ?? 0, days: v.days ?? 0 }
        : { kind: v.kind },
    dataItems: (values.dataItems ?? []).map(dataItemOf),
    ...(values.fileFormat ? { fileFormat: values.fileFormat } : {}),
    serviceItems: values.serviceItems ?? [],
    sharing: values.sharing,
    sealId: values.sealId ?? null,
  };
}
