import { Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useI18n } from '../../../i18n';
import type { Bilingual } from './check-texts';
import type { LicenseStatus } from './license-status';
import { LICENSE_STATUS_TEXT } from './license-status';

/** What a report says about the licence (holder data masked by the server as it answers). */
export interface LicenseFactsData {
  readonly identifier: string;
  readonly typeName: string | null;
  readonly licenseNumber: string | null;
  readonly issuerName: string | null;
  readonly holderName: string | null;
  readonly holderCode?: string | null;
  readonly issueDate?: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly status: LicenseStatus | null;
  readonly supersededBy: string | null;
}

/** How the server writes the end of a licence valid without limit. */
const LONG_TERM = '长期';

export function LicenseFacts({ license }: { license: LicenseFactsData }) {
  const { t } = useI18n();
  const day = (d: string | null) => (d === LONG_TERM ? t('长期', 'Long term') : d);
  const rows: [Bilingual, string | null | undefined][] = [
    [['证照名称', 'Licence type'], license.typeName],
    [['证照编号', 'Licence number'], license.licenseNumber],
    [['持证主体', 'Holder'], license.holderName],
    [['主体代码', 'Holder code'], license.holderCode],
    [['发证机关', 'Issued by'], license.issuerName],
    [['发证日期', 'Issued on'], license.issueDate],
    [['有效期', 'Valid'], [license.validFrom, license.validTo].filter(Boolean).map(day).join(' — ') || null],
    [['当前状态', 'Status'], license.status ? t(...LICENSE_STATUS_TEXT[license.status]) : null],
    [['最新版本', 'Newest version'], license.supersededBy],
    [['证照标识', 'Identifier'], license.identifier],
  ];
  const items: DescriptionsProps['items'] = rows
    .filter(([, value]) => value)
    .map(([label, value]) => ({ key: label[1], label: t(...label), children: value }));
  return (
    <Descriptions
      className="zy-verify-facts"
      size="small"
      bordered
      styles={{ label: { whiteSpace: 'nowrap' } }}
      column={{ xs: 1, sm: 1, md: 2 }}
      items={items}
    />
  );
}
