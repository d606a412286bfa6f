import { Alert, Empty, Flex, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../../api';
import { useI18n } from '../../../i18n';
import { LicenseDataView } from '../LicenseDataView';
import type { IssuedUseCode, LicenseType, RedeemResult, UsageContext } from '../types';

type DataResult = Extract<RedeemResult, { kind: 'data' }>;

/**
 * Step 3: the allowed data items of the holder's licences, redeemed once with a use-code (the one
 * the context came with, or a new one). Only what the context and the use list allow is shown.
 */
export function AllowedData({
  context,
  initialCode,
  types,
  onLoaded,
}: {
  context: UsageContext;
  initialCode: IssuedUseCode | null;
  types: ReadonlyMap<string, LicenseType>;
  onLoaded(result: DataResult): void;
}) {
  const { t } = useI18n();
  const [result, setResult] = useState<DataResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const started = useRef<string | null>(null);

  useEffect(() => {
    // A code is used up by one redemption: read once per context.
    if (started.current === context.id) return;
    started.current = context.id;
    void (async () => {
      try {
        const code = initialCode ?? (await api.issueUseCode({ params: { id: context.id } }));
        const redeemed = await api.redeemUseCode({
          body: { code: code.code, kind: 'data', departmentId: context.departmentId },
        });
        if (redeemed.kind !== 'data') return;
        setResult(redeemed);
        onLoaded(redeemed);
      } catch (e) {
        setProblem(errorMessage(e));
      }
    })();
  }, [context, initialCode, onLoaded]);

  if (problem)
    return (
      <Alert
        type="error"
        showIcon
        message={t('读取数据失败', 'Reading the data failed')}
        description={problem}
      />
    );
  if (!result)
    return (
      <Spin tip={t('正在读取允许的数据项…', 'Reading the allowed data items…')}>
        <div style={{ minHeight: 80 }} />
      </Spin>
    );
  if (!result.licenses.length)
    return (
      <Empty
        description={t('持证主体没有符合条件的有效证照', 'The holder has no matching licence in force')}
      />
    );
  return (
    <Flex vertical gap={16} data-testid="allowed-data">
      {result.licenses.map((l) => (
        <LicenseDataView key={l.licenseId} license={l} data={l.data} type={types.get(l.typeCode)} />
      ))}
    </Flex>
  );
}
