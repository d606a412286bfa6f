import { Alert, Button, Card, Flex, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { saveRedeemedFile } from '../redeemed';
import type { IssuedUseCode, UsageContext } from '../types';

/**
 * Step 4: what the counter takes away — the original or a 加注件 (PDF or OFD), each redeemed with a
 * fresh use-code, or a 用证码 handed to another system.
 */
export function Handover({
  context,
  licenses,
  onDone,
}: {
  context: UsageContext;
  licenses: readonly { identifier: string; typeName: string; licenseNumber: string }[];
  onDone(): void;
}) {
  const { t } = useI18n();
  const { run, busy } = useAction();
  const [identifier, setIdentifier] = useState(licenses[0]?.identifier);
  const [format, setFormat] = useState<'pdf' | 'ofd'>('pdf');
  const [code, setCode] = useState<IssuedUseCode | null>(null);

  const redeemFile = async (kind: 'file' | 'annotated') => {
    const result = await run(
      async () => {
        const issued = await api.issueUseCode({ params: { id: context.id } });
        return api.redeemUseCode({
          body: {
            code: issued.code,
            kind,
            format,
            departmentId: context.departmentId,
            ...(identifier ? { licenseIdentifier: identifier } : {}),
          },
        });
      },
      kind === 'annotated'
        ? t('加注件已生成并下载', 'Annotated copy made and downloaded')
        : t('原件已下载', 'Original downloaded'),
    );
    if (result && result.kind !== 'data') {
      saveRedeemedFile(result);
      onDone();
    }
  };

  const issueCode = async () => {
    const issued = await run(() => api.issueUseCode({ params: { id: context.id } }));
    if (issued) setCode(issued);
  };

  return (
    <Card title={t('下载与用证码', 'Files and use-codes')} size="small">
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        {licenses.length > 1 && (
          <Form.Item label={t('证照', 'Licence')}>
            <Select
              style={{ minWidth: 280 }}
              value={identifier}
              onChange={setIdentifier}
              options={licenses.map((l) => ({
                value: l.identifier,
                label: `${l.typeName} ${l.licenseNumber}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('文件格式', 'File format')}>
          <Select
            style={{ width: 120 }}
            value={format}
            onChange={setFormat}
            options={[
              { value: 'pdf', label: 'PDF' },
              { value: 'ofd', label: 'OFD' },
            ]}
          />
        </Form.Item>
      </Form>
      <Flex gap={8} wrap>
        <Button type="primary" loading={busy} onClick={() => void redeemFile('annotated')}>
          {t('下载加注件', 'Download annotated copy')}
        </Button>
        <Button loading={busy} onClick={() => void redeemFile('file')}>
          {t('下载原件', 'Download original')}
        </Button>
        <Button loading={busy} onClick={() => void issueCode()}>
          {t('生成用证码', 'Issue a use-code')}
        </Button>
      </Flex>
      {code && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          message={t('用证码（只显示一次）', 'Use-code (shown once)')}
          description={
            <>
              <Typography.Text copyable code data-testid="use-code">
                {code.code}
              </Typography.Text>
              <div>
                {t('有效期至 {at}', 'Valid until {at}', { at: new Date(code.expiresAt).toLocaleString() })}
              </div>
            </>
          }
        />
      )}
    </Card>
  );
}
