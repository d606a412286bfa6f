import type { EndpointOutput, Endpoints } from '@zhengyin/contract';
import { Button, Card, Descriptions, Flex, Input, Tag } from 'antd';
import { App } from 'antd';
import { holderApi } from '../../api';
import { useI18n } from '../../i18n';
import { readableLabels } from './styles';
import { formatDateTime } from './format';
import { useHolderAction } from './hooks';

export type ConsentRequest = EndpointOutput<Endpoints['listPendingConsents']>['items'][number];

/** One consent request: who asks, for which 事项, which data, until when — approve or decline. */
export function ConsentCard({ request, onDecided }: { request: ConsentRequest; onDecided: () => void }) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const { run, busy } = useHolderAction();
  const labels = request.dataItemLabels.map((l) => (lang === 'en' ? l.labelEn : l.labelZh));

  const decide = async (approve: boolean, reason?: string) => {
    const done = await run(
      () =>
        holderApi.decideConsent({
          params: { id: request.contextId },
          body: { approve, ...(reason ? { reason } : {}) },
        }),
      approve ? t('已同意', 'Approved') : t('已拒绝', 'Declined'),
    );
    if (done) onDecided();
  };

  const confirmApprove = () =>
    modal.confirm({
      title: t('同意 {dept} 使用您的证照信息？', 'Let {dept} use your licence data?', {
        dept: request.departmentName,
      }),
      content: t('将提供：{items}', 'They will see: {items}', {
        items: labels.join(lang === 'en' ? ', ' : '、'),
      }),
      okText: t('同意', 'Approve'),
      cancelText: t('取消', 'Cancel'),
      onOk: () => decide(true),
    });

  const confirmDecline = () => {
    let reason = '';
    modal.confirm({
      title: t('拒绝这次用证请求？', 'Decline this request?'),
      content: (
        <Input.TextArea
          aria-label={t('拒绝原因（可选）', 'Reason (optional)')}
          placeholder={t('拒绝原因（可选）', 'Reason (optional)')}
          maxLength={500}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: t('拒绝', 'Decline'),
      okButtonProps: { danger: true },
      cancelText: t('取消', 'Cancel'),
      onOk: () => decide(false, reason.trim()),
    });
  };

  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{request.departmentName}</span>}
      data-testid="consent-card"
    >
      <Descriptions styles={readableLabels} column={1} size="small">
        <Descriptions.Item label={t('办理事项', 'Service')}>
          {request.itemName || request.itemCode}
        </Descriptions.Item>
        <Descriptions.Item label={t('用途', 'Purpose')}>{request.cause}</Descriptions.Item>
        <Descriptions.Item label={t('证照', 'Licence')}>
          {request.licenseTypeNames.join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('需要的信息', 'Data asked for')}>
          <Flex wrap gap={4}>
            {labels.map((label) => (
              <Tag key={label} style={{ color: '#262626' }}>
                {label}
              </Tag>
            ))}
          </Flex>
        </Descriptions.Item>
        {request.place && <Descriptions.Item label={t('地点', 'Place')}>{request.place}</Descriptions.Item>}
        <Descriptions.Item label={t('经办人', 'Operator')}>{request.operator}</Descriptions.Item>
        <Descriptions.Item label={t('请在此前答复', 'Answer before')}>
          {formatDateTime(request.expiresAt)}
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} justify="flex-end" wrap>
        <Button danger disabled={busy} onClick={confirmDecline}>
          {t('拒绝', 'Decline')}
        </Button>
        <Button type="primary" loading={busy} onClick={confirmApprove}>
          {t('同意', 'Approve')}
        </Button>
      </Flex>
    </Card>
  );
}
