import { Alert, Button, Card, Flex, Spin, Steps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useAction, useErrorReporter } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { IssuedUseCode, RedeemResult, UsageContext } from '../types';
import { usePublishedTypes } from '../usePublishedTypes';
import { AllowedData } from './AllowedData';
import { ConsentWait } from './ConsentWait';
import type { ContextDraft } from './ContextForm';
import { ContextForm } from './ContextForm';
import { Handover } from './Handover';
import { ShowTokenInput } from './ShowTokenInput';

type Stage = 'form' | 'scan' | 'consent' | 'data';
type DataResult = Extract<RedeemResult, { kind: 'data' }>;

const STEP_OF: Record<Stage, number> = { form: 0, scan: 1, consent: 1, data: 2 };

/**
 * 柜台用证: create a usage context → scan the holder's 亮证 code or wait for consent → the allowed
 * data → the original, a 加注件 or a 用证码. The context id stays in the address, so a reload resumes.
 */
export function CounterPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const contextId = search.get('context');
  const types = usePublishedTypes();
  const report = useErrorReporter();
  const { run, busy } = useAction();
  const [stage, setStage] = useState<Stage>(contextId ? 'consent' : 'form');
  const [draft, setDraft] = useState<ContextDraft | null>(null);
  const [context, setContext] = useState<UsageContext | null>(null);
  const [code, setCode] = useState<IssuedUseCode | null>(null);
  const [data, setData] = useState<DataResult | null>(null);
  const [done, setDone] = useState(false);

  // Resume a context named in the address (a reload, or another screen handing it over).
  useEffect(() => {
    if (!contextId || context?.id === contextId) return;
    api.getUsageContext({ params: { id: contextId } }).then((c) => {
      setContext(c);
      setStage(c.status === 'approved' ? 'data' : 'consent');
    }, report);
  }, [contextId, context?.id, report]);

  const created = (result: { context: UsageContext; code: IssuedUseCode | null }) => {
    setContext(result.context);
    setCode(result.code);
    setStage(result.context.status === 'approved' ? 'data' : 'consent');
    setSearch({ context: result.context.id });
  };

  const create = async (body: ContextDraft, showToken?: string) => {
    const result = await run(() =>
      api.createUsageContext({ body: { ...body, ...(showToken ? { showToken } : {}) } }),
    );
    if (result) created(result);
  };

  const submitDraft = (next: ContextDraft) => {
    setDraft(next);
    if (next.mode === 'show-code') setStage('scan');
    else void create(next);
  };

  const restart = () => {
    setStage('form');
    setContext(null);
    setCode(null);
    setData(null);
    setDone(false);
    setSearch({});
  };

  const approved = useCallback((c: UsageContext) => {
    setContext(c);
    setStage('data');
  }, []);

  return (
    <>
      <PageTitle extra={stage !== 'form' && <Button onClick={restart}>{t('新的用证', 'New use')}</Button>}>
        {t('柜台用证', 'Counter use')}
      </PageTitle>
      <Steps
        style={{ marginBottom: 24 }}
        current={done ? 3 : STEP_OF[stage]}
        items={[
          { title: t('填写办件信息', 'Case details') },
          { title: t('亮证或授权', 'Holder’s code or consent') },
          { title: t('查看数据', 'Allowed data') },
          { title: t('下载与用证码', 'Files and use-codes') },
        ]}
      />
      {stage === 'form' && <ContextForm types={types.data ?? new Map()} busy={busy} onSubmit={submitDraft} />}
      {stage === 'scan' && draft && (
        <Card
          title={t('扫描持证人出示的亮证二维码', 'Scan the code the holder shows')}
          style={{ maxWidth: 720 }}
        >
          <ShowTokenInput
            busy={busy}
            submitText={t('核验亮证码并用证', 'Check the code and continue')}
            onSubmit={(token) => void create(draft, token)}
          />
        </Card>
      )}
      {stage === 'consent' &&
        (context ? (
          <ConsentWait key={context.id} initial={context} onApproved={approved} onRestart={restart} />
        ) : (
          <Spin />
        ))}
      {stage === 'data' && context && (
        <Flex vertical gap={16}>
          <Alert
            type="success"
            showIcon
            message={t('已获授权：{item}，办件流水号 {no}', 'Authorised: {item}, case {no}', {
              item: context.itemName,
              no: context.businessNumber,
            })}
          />
          <AllowedData
            context={context}
            initialCode={code}
            types={types.data ?? new Map()}
            onLoaded={setData}
          />
          {data && data.licenses.length > 0 && (
            <Handover context={context} licenses={data.licenses} onDone={() => setDone(true)} />
          )}
        </Flex>
      )}
    </>
  );
}
