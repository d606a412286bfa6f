import { Alert, App, Button, Card, Descriptions, Flex, Steps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { CommentModal } from './CommentModal';
import { STATUS_LABELS } from './labels';
import type { LicenseTypeView } from './model';
import { StatusTag } from './StatusTag';

const STEPS = ['draft', 'submitted', 'approved', 'published'] as const;

type Review = 'approve' | 'reject';

/**
 * The workflow state and the actions the state and the user's roles allow: the department's issuer
 * submits and starts new versions; the region's catalogue administrator approves, rejects, publishes.
 */
export function WorkflowPanel({
  type,
  onChanged,
}: {
  type: LicenseTypeView;
  onChanged(next: LicenseTypeView): void;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const session = useStaffSession();
  const { run, busy } = useAction();
  const [review, setReview] = useState<Review | null>(null);
  const isIssuer = session.hasRole('issuer');
  const isReviewer = session.hasRole('catalog_admin');

  const advance = async (action: 'submit' | 'approve' | 'reject' | 'publish', comment?: string) => {
    const done: Record<typeof action, string> = {
      submit: t('已提交审核', 'Submitted for review'),
      approve: t('已审核通过', 'Approved'),
      reject: t('已退回修改', 'Returned for changes'),
      publish: t('已发布', 'Published'),
    };
    const next = await run(
      () =>
        api.advanceLicenseType({
          params: { id: type.id },
          body: { action, ...(comment ? { comment } : {}) },
        }),
      done[action],
    );
    if (next) onChanged(next);
    return next;
  };

  const confirm = (title: string, content: string, action: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      onOk: action,
    });

  const current = type.status === 'superseded' ? STEPS.length : STEPS.indexOf(type.status);
  return (
    <Card title={t('目录流程', 'Catalogue workflow')} size="small" style={{ marginBottom: 16 }}>
      <Steps
        size="small"
        current={current}
        style={{ marginBottom: 16 }}
        items={STEPS.map((s) => ({ title: t(...STATUS_LABELS[s]) }))}
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('状态', 'Status')}>
          <StatusTag status={type.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('版本', 'Version')}>v{type.version}</Descriptions.Item>
        <Descriptions.Item label={t('类型代码', 'Type code')}>{type.typeCode}</Descriptions.Item>
        <Descriptions.Item label={t('创建时间', 'Created')}>
          {dayjs(type.createdAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={t('最后变更', 'Last change')}>
          {dayjs(type.updatedAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={t('发布时间', 'Published')}>
          {type.publishedAt ? dayjs(type.publishedAt).format('YYYY-MM-DD HH:mm') : '—'}
        </Descriptions.Item>
      </Descriptions>
      {type.reviewComment && (
        <Alert
          type={type.status === 'draft' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('审核意见：{comment}', 'Review comment: {comment}', { comment: type.reviewComment })}
        />
      )}
      <Flex gap={8} wrap>
        {type.status === 'draft' && isIssuer && (
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              confirm(
                t('提交审核？', 'Submit for review?'),
                t(
                  '提交后草稿不能再修改，由本地区目录管理员审核。',
                  'The draft cannot be edited once submitted; the region’s catalogue administrator reviews it.',
                ),
                () => advance('submit'),
              )
            }
          >
            {t('提交审核', 'Submit for review')}
          </Button>
        )}
        {type.status === 'submitted' && isReviewer && (
          <Button type="primary" loading={busy} onClick={() => setReview('approve')}>
            {t('审核通过', 'Approve')}
          </Button>
        )}
        {type.status === 'approved' && isReviewer && (
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              confirm(
                t('发布此版本？', 'Publish this version?'),
                t(
                  '发布后即可按此版本制证，已发布的旧版本将被替代。',
                  'Licences can then be issued with it; a previously published version is superseded.',
                ),
                () => advance('publish'),
              )
            }
          >
            {t('发布', 'Publish')}
          </Button>
        )}
        {(type.status === 'submitted' || type.status === 'approved') && isReviewer && (
          <Button danger loading={busy} onClick={() => setReview('reject')}>
            {t('退回修改', 'Reject')}
          </Button>
        )}
        {type.status === 'published' && isIssuer && (
          <Button
            loading={busy}
            onClick={() =>
              confirm(
                t('创建新版本？', 'Start a new version?'),
                t(
                  '将以已发布版本为底稿创建新的草稿版本。',
                  'A new draft version is copied from the published one.',
                ),
                async () => {
                  const draft = await run(
                    () => api.newLicenseTypeVersion({ params: { id: type.id } }),
                    t('已创建新版本草稿', 'New draft version created'),
                  );
                  if (draft) onChanged(draft);
                },
              )
            }
          >
            {t('创建新版本', 'New version')}
          </Button>
        )}
      </Flex>
      <CommentModal
        open={review !== null}
        busy={busy}
        required={review === 'reject'}
        title={review === 'reject' ? t('退回修改', 'Reject') : t('审核通过', 'Approve')}
        label={review === 'reject' ? t('退回原因', 'Reason') : t('审核意见（可选）', 'Comment (optional)')}
        onCancel={() => setReview(null)}
        onOk={(comment) => {
          const action = review;
          if (!action) return;
          void advance(action, comment || undefined).then((next) => next && setReview(null));
        }}
      />
    </Card>
  );
}
