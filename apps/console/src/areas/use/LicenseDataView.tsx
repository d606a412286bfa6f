import { Descriptions } from 'antd';
import { useI18n } from '../../i18n';
import type { LicenseType } from './types';
import { dataItemLabel } from './usePublishedTypes';

export interface LicenseFacts {
  readonly identifier: string;
  readonly typeCode: string;
  readonly typeName: string;
  readonly licenseNumber: string;
  readonly issuerName: string;
  readonly issueDate: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly holderName: string;
  readonly holderCode: string;
}

const show = (value: unknown): string =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** One licence as the counter receives it: its facts and only the data items handed over. */
export function LicenseDataView({
  license,
  data,
  type,
  title,
}: {
  license: LicenseFacts;
  data: Record<string, unknown>;
  type: LicenseType | undefined;
  title?: string;
}) {
  const { t, lang } = useI18n();
  const validity = `${license.validFrom ?? '—'} ～ ${license.validTo ?? t('长期', 'No end date')}`;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      title={title ?? license.typeName}
      items={[
        {
          key: 'holder',
          label: t('持证主体', 'Holder'),
          children: `${license.holderName}（${license.holderCode}）`,
        },
        { key: 'number', label: t('证照编号', 'Licence number'), children: license.licenseNumber },
        { key: 'issuer', label: t('发证机构', 'Issued by'), children: license.issuerName },
        { key: 'issued', label: t('发证日期', 'Issue date'), children: license.issueDate },
        { key: 'validity', label: t('有效期', 'Validity'), children: validity },
        { key: 'identifier', label: t('证照标识', 'Identifier'), children: license.identifier },
        ...Object.entries(data).map(([code, value]) => ({
          key: `data-${code}`,
          label: dataItemLabel(type, code, lang),
          children: show(value),
        })),
      ]}
    />
  );
}
