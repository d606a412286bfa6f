import { Flex, Tabs } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { ApiCallsTab } from './ApiCallsTab';
import { ChainStatus } from './ChainStatus';
import { EventsTab } from './EventsTab';

/** 审计: the chain's verification first, then the event browser and the API call log. */
export default function AuditPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('审计', 'Audit')}</PageTitle>
      <Flex vertical gap={16}>
        <ChainStatus />
        <Tabs
          items={[
            { key: 'events', label: t('审计事件', 'Audit events'), children: <EventsTab /> },
            { key: 'api-calls', label: t('接口调用日志', 'API call log'), children: <ApiCallsTab /> },
          ]}
        />
      </Flex>
    </>
  );
}
