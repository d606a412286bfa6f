import { Card, Descriptions, Flex, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import { ShowTokenInput } from './counter/ShowTokenInput';
import type { ShownLicense } from './types';
import { dataItemLabel, usePublishedTypes } from './usePublishedTypes';

/** 亮证视读: scan a holder's 亮证 code once and see status, type, issuer, validity and masked data. */
export function ScanPage() {
  const { t, lang } = useI18n();
  const { run, busy } = useAction();
  const types = usePublishedTypes();
  const [shown, setShown] = useState<ShownLicense | null>(null);

  const scan = async (token: string) => {
    setShown(null);
    const result = await run(() => api.scanShowToken({ body: { token } }));
    if (result) setShown(result);
  };

  return (
    <>
      <PageTitle>{t('亮证视读', 'View a shown licence')}</PageTitle>
      <Flex vertical gap={16} style={{ maxWidth: 720 }}>
        <Card>
          <ShowTokenInput busy={busy} submitText={t('视读', 'View')} onSubmit={(token) => void scan(token)} />
        </Card>
        {shown && (
          <Descriptions
            bordered
            size="small"
            column={1}
            title={shown.typeName}
            data-testid="shown-license"
            items={[
              {
                key: 'status',
                label: t('状态', 'Status'),
                children: (
                  <Tag color={shown.status === 'valid' ? '#237804' : 'error'}>{shown.statusName}</Tag>
                ),
              },
              {
                key: 'holder',
                label: t('持证主体', 'Holder'),
                children: `${shown.holderName}（${shown.holderCode}）`,
              },
              { key: 'number', label: t('证照编号', 'Licence number'), children: shown.licenseNumber },
              { key: 'issuer', label: t('发证机构', 'Issued by'), children: shown.issuerName },
              {
                key: 'validity',
                label: t('有效期', 'Validity'),
                children: `${shown.validFrom ?? '—'} ～ ${shown.validTo ?? t('长期', 'No end date')}`,
              },
              ...Object.entries(shown.data).map(([code, value]) => ({
                key: `data-${code}`,
                label: dataItemLabel(types.data?.get(shown.typeCode), code, lang),
                children: value,
              })),
            ]}
          />
        )}
      </Flex>
    </>
  );
}
