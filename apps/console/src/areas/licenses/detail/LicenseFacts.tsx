import { Descriptions, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import { holderCodeTypeName } from '../labels';
import type { License, LicenseType } from '../model';
import { StatusTag } from '../StatusTag';
import { valueText } from '../format';

/** Every field of the version and its data items, labelled as the licence type names them. */
export function LicenseFacts({ license, type }: { license: License; type: LicenseType | undefined }) {
  const { t, lang } = useI18n();
  const yesNo = [t('是', 'Yes'), t('否', 'No')] as const;
  const known = new Set(type?.dataItems.map((i) => i.code));
  const dataItems = [
    ...(type?.dataItems ?? []).map((i) => ({
      key: i.code,
      label: lang === 'en' ? i.labelEn : i.labelZh,
      value: license.data[i.code],
    })),
    ...Object.keys(license.data)
      .filter((code) => !known.has(code))
      .map((code) => ({ key: code, label: code, value: license.data[code] })),
  ];
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'number', label: t('证照编号', 'Licence number'), children: license.licenseNumber },
          { key: 'status', label: t('状态', 'Status'), children: <StatusTag status={license.status} /> },
          { key: 'type', label: t('证照类型', 'Licence type'), children: license.typeName },
          {
            key: 'identifier',
            label: t('证照标识', 'Identifier'),
            children: <Typography.Text copyable>{license.identifier}</Typography.Text>,
          },
          { key: 'holder', label: t('持证主体', 'Holder'), children: license.holder.name },
          {
            key: 'holderCode',
            label: t('持证主体代码', 'Holder code'),
            children: `${license.holder.code}（${holderCodeTypeName(license.holder.codeType, lang)}）`,
          },
          { key: 'issuer', label: t('发证机构', 'Issuer'), children: license.issuerName },
          { key: 'issuerCode', label: t('发证机构代码', 'Issuer code'), children: license.issuerCode },
          { key: 'issueDate', label: t('签发日期', 'Issue date'), children: license.issueDate },
          { key: 'version', label: t('版本', 'Version'), children: license.version },
          { key: 'validFrom', label: t('有效期起', 'Valid from'), children: license.validFrom ?? '—' },
          {
            key: 'validTo',
            label: t('有效期至', 'Valid to'),
            children: license.longTerm ? t('长期', 'Long-term') : (license.validTo ?? '—'),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('照面信息', 'Data items')}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={dataItems.map((d) => ({ key: d.key, label: d.label, children: valueText(d.value, yesNo) }))}
      />
    </>
  );
}
