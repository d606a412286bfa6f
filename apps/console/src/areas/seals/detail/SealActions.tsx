import { Button, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, downloadBase64 } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { algorithmName } from '../labels';
import type { Seal } from '../model';
import { ActionModal } from './ActionModal';
import { downloadJson } from './download';

type Dialog =
  'review' | 'make' | 'file' | 'suspend' | 'resume' | 'report_lost' | 'revoke' | 'renew' | 'destroy';
type StatusAction = 'suspend' | 'resume' | 'report_lost' | 'revoke';

const reasonRule = (message: string) => [{ required: true, whitespace: true, message }, { max: 500 }];

/** The lifecycle actions the current user may take on this seal in its current state. */
export function SealActions({ seal, onChanged }: { seal: Seal; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { user, hasRole } = useStaffSession();
  const navigate = useNavigate();
  const { run, busy } = useAction();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const me = user?.id;
  const admin = hasRole('seal_admin');
  const isKeeper = me === seal.keeperId;
  const s = seal.status;

  const act = async (action: () => Promise<unknown>, success: string) => {
    const done = await run(action, success);
    if (done === undefined) return false;
    setDialog(null);
    onChanged();
    return true;
  };
  const statusChange = (action: StatusAction, success: string) => (v: { reason: string }) =>
    act(() => api.changeSealStatus({ params: { id: seal.id }, body: { action, reason: v.reason } }), success);
  const close = () => setDialog(null);
  const reasonField = (
    <Form.Item
      name="reason"
      label={t('原因', 'Reason')}
      rules={reasonRule(t('请填写原因', 'Enter the reason'))}
    >
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  );

  return (
    <>
      <Space wrap>
        {hasRole('approver') && s === 'applied' && me !== seal.applicantId && (
          <Button type="primary" onClick={() => setDialog('review')}>
            {t('审核申请', 'Review application')}
          </Button>
        )}
        {isKeeper && s === 'approved' && (
          <Button type="primary" onClick={() => setDialog('make')}>
            {t('制作印章', 'Make the seal')}
          </Button>
        )}
        {admin && s === 'made' && (
          <Button type="primary" onClick={() => setDialog('file')}>
            {t('登记备案', 'Record filing')}
          </Button>
        )}
        {admin && (s === 'made' || s === 'active') && (
          <Button
            onClick={() =>
              void run(async () => {
                const pkg = await api.sealFilingPackage({ params: { id: seal.id } });
                await downloadJson(pkg, `备案材料-${seal.code}.json`);
              })
            }
          >
            {t('下载备案材料', 'Download filing package')}
          </Button>
        )}
        {isKeeper && s === 'active' && (
          <Button type="primary" onClick={() => navigate(`/console/seals/sign?seal=${seal.id}`)}>
            {t('用此印章签章', 'Seal a document with it')}
          </Button>
        )}
        {admin && s === 'active' && (
          <Button onClick={() => setDialog('suspend')}>{t('停用', 'Suspend')}</Button>
        )}
        {admin && s === 'suspended' && (
          <Button onClick={() => setDialog('resume')}>{t('恢复', 'Resume')}</Button>
        )}
        {(admin || isKeeper) && (s === 'active' || s === 'suspended') && (
          <Button onClick={() => setDialog('report_lost')}>{t('挂失', 'Report lost')}</Button>
        )}
        {admin && (s === 'active' || s === 'expired') && (
          <Button onClick={() => setDialog('renew')}>{t('续期', 'Renew')}</Button>
        )}
        {admin && ['made', 'active', 'suspended', 'lost', 'expired'].includes(s) && (
          <Button danger onClick={() => setDialog('revoke')}>
            {t('注销', 'Revoke')}
          </Button>
        )}
        {(s === 'revoked' || s === 'destroyed') && (
          <Button
            onClick={() =>
              void run(async () => {
                const { pdfBase64 } = await api.sealRevocationCertificate({ params: { id: seal.id } });
                downloadBase64(pdfBase64, `注销证书-${seal.code}.pdf`, 'application/pdf');
              })
            }
          >
            {t('下载注销证书', 'Download revocation certificate')}
          </Button>
        )}
        {admin && s === 'revoked' && (
          <Button danger type="primary" onClick={() => setDialog('destroy')}>
            {t('销毁密钥', 'Destroy key')}
          </Button>
        )}
      </Space>

      <ActionModal<{ decision: 'approve' | 'reject'; comment?: string }>
        open={dialog === 'review'}
        title={t('审核印章申请', 'Review the seal application')}
        okText={t('提交审核意见', 'Submit decision')}
        busy={busy}
        onCancel={close}
        onSubmit={(v) =>
          act(
            () =>
              api.reviewSeal({
                params: { id: seal.id },
                body: { decision: v.decision, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) },
              }),
            v.decision === 'approve' ? t('已批准', 'Approved') : t('已驳回', 'Rejected'),
          )
        }
      >
        <Form.Item
          name="decision"
          label={t('审核结论', 'Decision')}
          rules={[{ required: true }]}
          initialValue="approve"
        >
          <Radio.Group
            options={[
              { value: 'approve', label: t('批准', 'Approve') },
              { value: 'reject', label: t('驳回', 'Reject') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('审核意见', 'Comment')}
          dependencies={['decision']}
          rules={[
            ({ getFieldValue }) => ({
              required: getFieldValue('decision') === 'reject',
              whitespace: true,
              message: t('驳回时请写明理由', 'Give the reason for rejecting'),
            }),
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ pin: string; confirmPin: string; validityDays?: number }>
        open={dialog === 'make'}
        title={t('制作印章（{alg}）', 'Make the seal ({alg})', { alg: algorithmName(seal.algorithm, lang) })}
        okText={t('制作', 'Make')}
        busy={busy}
        onCancel={close}
        onSubmit={(v) =>
          act(
            () =>
              api.makeSeal({
                params: { id: seal.id },
                body: { pin: v.pin, ...(v.validityDays ? { validityDays: v.validityDays } : {}) },
              }),
            t('印章已制作，请在 24 小时内备案', 'Seal made: file it within 24 hours'),
          )
        }
      >
        <p>
          {t(
            '密钥在密钥库中生成，由您设置的 PIN 保护；每次用印都需要此 PIN，连续输错将被锁定。',
            'The key is generated in the vault under the PIN you set; every sealing needs it, and wrong PINs lock it.',
          )}
        </p>
        <Form.Item
          name="pin"
          label={t('印章 PIN', 'Seal PIN')}
          rules={[
            { required: true, min: 6, max: 64, message: t('PIN 为 6–64 位', 'The PIN has 6–64 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPin"
          label={t('再次输入 PIN', 'Repeat the PIN')}
          dependencies={['pin']}
          rules={[
            { required: true, message: t('请再次输入 PIN', 'Repeat the PIN') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || value === getFieldValue('pin')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('两次输入的 PIN 不一致', 'The PINs differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="validityDays"
          label={t('有效期（天，默认 3 年）', 'Validity (days, default 3 years)')}
        >
          <InputNumber min={30} max={3650} style={{ width: 200 }} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ filingNumber: string; authority: string }>
        open={dialog === 'file'}
        title={t('登记公安备案', 'Record the public-security filing')}
        okText={t('登记备案并启用', 'Record and activate')}
        busy={busy}
        onCancel={close}
        onSubmit={(v) =>
          act(
            () => api.fileSeal({ params: { id: seal.id }, body: v }),
            t('已备案，印章已启用', 'Filed: the seal is active'),
          )
        }
      >
        <Form.Item
          name="filingNumber"
          label={t('备案编号', 'Filing number')}
          rules={[
            {
              required: true,
              whitespace: true,
              max: 64,
              message: t('请填写备案编号', 'Enter the filing number'),
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="authority"
          label={t('备案机关', 'Filing authority')}
          rules={[
            {
              required: true,
              whitespace: true,
              max: 128,
              message: t('请填写备案机关', 'Enter the authority'),
            },
          ]}
        >
          <Input placeholder={t('例如：西安市公安局', 'e.g. Xi’an Public Security Bureau')} />
        </Form.Item>
      </ActionModal>

      {(['suspend', 'resume', 'report_lost', 'revoke'] as const).map((action) => (
        <ActionModal<{ reason: string }>
          key={action}
          open={dialog === action}
          danger={action === 'revoke'}
          title={
            {
              suspend: t('停用印章', 'Suspend the seal'),
              resume: t('恢复印章', 'Resume the seal'),
              report_lost: t('挂失印章（立即停止用印）', 'Report the seal lost (stops all sealing now)'),
              revoke: t('注销印章（不可恢复）', 'Revoke the seal (final)'),
            }[action]
          }
          okText={t('确认', 'Confirm')}
          busy={busy}
          onCancel={close}
          onSubmit={statusChange(action, t('状态已更新', 'Status changed'))}
        >
          {reasonField}
        </ActionModal>
      ))}

      <ActionModal<{ validityDays?: number }>
        open={dialog === 'renew'}
        title={t('印章续期', 'Renew the seal')}
        okText={t('续期', 'Renew')}
        busy={busy}
        onCancel={close}
        onSubmit={(v) =>
          act(
            () =>
              api.renewSeal({
                params: { id: seal.id },
                body: v.validityDays ? { validityDays: v.validityDays } : {},
              }),
            t('已续期：新证书与新印章版本已生成', 'Renewed: new certificate and seal version'),
          )
        }
      >
        <p>
          {t(
            '续期签发新证书和新的印章版本，印章编码不变；到期前 30 天内可办理。',
            'Renewal issues a new certificate and seal version with the same code; it opens 30 days before expiry.',
          )}
        </p>
        <Form.Item name="validityDays" label={t('有效期（天）', 'Validity (days)')}>
          <InputNumber min={30} max={3650} style={{ width: 200 }} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ reason: string; code: string }>
        open={dialog === 'destroy'}
        danger
        title={t('销毁印章密钥（不可撤销）', 'Destroy the seal key (irreversible)')}
        okText={t('永久销毁', 'Destroy for good')}
        busy={busy}
        onCancel={close}
        onSubmit={(v) =>
          act(
            () => api.destroySealKey({ params: { id: seal.id }, body: { reason: v.reason } }),
            t('密钥已销毁', 'Key destroyed'),
          )
        }
      >
        <p>
          {t(
            '销毁后此印章再也不能签章；已签文件仍可验证。请输入印章编码 {code} 以确认。',
            'After this the seal can never sign again; signed documents still verify. Type the seal code {code} to confirm.',
            { code: seal.code },
          )}
        </p>
        {reasonField}
        <Form.Item
          name="code"
          label={t('印章编码', 'Seal code')}
          rules={[
            {
              validator: (_r, value) =>
                value === seal.code
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('输入的编码与印章编码不一致', 'The code does not match'))),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </ActionModal>
    </>
  );
}
