import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Radio, Result, Select, Space, Steps, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, downloadBase64, fileToBase64 } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import type { Seal, SealPlacement, SealUseRequest } from '../model';
import { UseStatusTag } from '../SealStatusTag';
import type { ClickPlacement } from './PdfPagePicker';
import { PdfPagePicker } from './PdfPagePicker';
import { sha256Hex } from './sha256';

interface Document {
  readonly name: string;
  readonly base64: string;
  readonly sha256: string;
}

type PlacementKind = 'click' | 'keyword' | 'last-page';
const POLL_MS = 3000;

/**
 * 用印: upload a PDF → choose one of the user's usable seals → place it → 用印申请 → the approver
 * decides (elsewhere; this page watches) → PIN → the sealed PDF. Only the keeper seals.
 */
export default function SealSignPage() {
  const { t } = useI18n();
  const { user } = useStaffSession();
  const [params] = useSearchParams();
  const { run, busy } = useAction();
  const [doc, setDoc] = useState<Document | null>(null);
  const [sealId, setSealId] = useState<string | undefined>(params.get('seal') ?? undefined);
  const [kind, setKind] = useState<PlacementKind>('click');
  const [previewPage, setPreviewPage] = useState(1);
  const [click, setClick] = useState<ClickPlacement | null>(null);
  const [keyword, setKeyword] = useState('');
  const [request, setRequest] = useState<SealUseRequest | null>(null);
  const [sealed, setSealed] = useState<{ pdfBase64: string; name: string } | null>(null);

  const seals = useRequest(() => api.listSeals({ query: { status: 'active', pageSize: 100 } }), []);
  const usable = (seals.data?.items ?? []).filter(
    (s) => s.keeperId === user?.id && s.validTo && new Date(s.validTo) > new Date(),
  );
  const seal: Seal | undefined = usable.find((s) => s.id === sealId);

  const placement: SealPlacement | null =
    kind === 'click'
      ? click && { kind: 'coordinates', page: click.page, x: click.x, y: click.y }
      : kind === 'keyword'
        ? keyword.trim()
          ? { kind: 'keyword', keyword: keyword.trim() }
          : null
        : { kind: 'last-page' };

  // Watch the use request until the approver decides.
  useEffect(() => {
    if (!request || request.status !== 'pending') return;
    const timer = setInterval(() => {
      void api
        .listSealUse({ params: { id: request.sealId }, query: { pageSize: 1 } })
        .then((r) => {
          const now = r.requests.find((x) => x.id === request.id);
          if (now && now.status !== request.status) setRequest(now);
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [request]);

  const step = sealed
    ? 4
    : request
      ? request.status === 'approved'
        ? 3
        : 2
      : doc && seal && placement
        ? 2
        : doc && seal
          ? 1
          : 0;

  const chooseFile = async (file: File) => {
    const base64 = await fileToBase64(file);
    setDoc({ name: file.name, base64, sha256: await sha256Hex(file) });
    setClick(null);
    setPreviewPage(1);
    setRequest(null);
    setSealed(null);
    return false;
  };

  const askForUse = async (v: { reason: string; documentName: string }) => {
    if (!doc || !seal) return;
    const created = await run(
      () =>
        api.requestSealUse({
          params: { id: seal.id },
          body: {
            reason: v.reason.trim(),
            documentName: v.documentName.trim(),
            documentSha256: doc.sha256,
            uses: 1,
          },
        }),
      t('用印申请已提交，等待审批', 'Use request sent: awaiting approval'),
    );
    if (created) setRequest(created);
  };

  const sealNow = async (v: { pin: string }) => {
    if (!doc || !request || !placement) return;
    const result = await run(
      () =>
        api.sealPdf({
          params: { id: request.id },
          body: { pin: v.pin, pdfBase64: doc.base64, placement },
        }),
      t('签章完成', 'Document sealed'),
    );
    if (result) {
      setSealed({ pdfBase64: result.pdfBase64, name: doc.name.replace(/\.pdf$/i, '') + '-已签章.pdf' });
      setRequest({ ...request, usesDone: request.usesDone + 1 });
    }
  };

  return (
    <>
      <PageTitle>{t('用印签章', 'Seal a document')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={step}
          aria-label={t('用印进度', 'Sealing progress')}
          items={[
            { title: t('选择文件与印章', 'Document and seal') },
            { title: t('盖章位置', 'Position') },
            { title: t('用印审批', 'Approval') },
            { title: t('输入 PIN 签章', 'PIN and seal') },
            { title: t('下载', 'Download') },
          ]}
        />
      </Card>

      <Card title={t('1. 文件与印章', '1. Document and seal')} style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="start">
          <Form.Item label={t('待签章 PDF', 'PDF to seal')} style={{ marginBottom: 0 }}>
            <Upload
              accept=".pdf,application/pdf"
              maxCount={1}
              showUploadList={false}
              disabled={!!request}
              beforeUpload={(file) => chooseFile(file)}
            >
              <Button icon={<UploadOutlined />} disabled={!!request}>
                {doc ? doc.name : t('选择 PDF 文件', 'Choose a PDF file')}
              </Button>
            </Upload>
          </Form.Item>
          <Form.Item label={t('印章', 'Seal')} style={{ marginBottom: 0 }}>
            <Select
              style={{ width: 320 }}
              value={seal?.id}
              disabled={!!request}
              loading={seals.loading}
              onChange={setSealId}
              notFoundContent={t('您保管的印章中没有可用的', 'None of the seals you keep can sign')}
              options={usable.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            />
          </Form.Item>
        </Space>
        {!seals.loading && usable.length === 0 && (
          <Empty
            style={{ marginTop: 16 }}
            description={t(
              '只有印章保管人可以用已启用且在有效期内的印章签章。',
              'Only the keeper signs, with an active seal within its validity.',
            )}
          />
        )}
      </Card>

      {doc && seal && (
        <Card title={t('2. 盖章位置', '2. Position')} style={{ marginBottom: 16 }}>
          <Radio.Group
            value={kind}
            disabled={!!sealed}
            onChange={(e) => setKind(e.target.value as PlacementKind)}
            aria-label={t('定位方式', 'How to position')}
            options={[
              { value: 'click', label: t('在页面上点击', 'Click on the page') },
              { value: 'keyword', label: t('按关键字', 'By keyword') },
              { value: 'last-page', label: t('末页右下角', 'Last page, lower right') },
            ]}
            style={{ marginBottom: 16 }}
          />
          {kind === 'click' && (
            <PdfPagePicker
              pdfBase64={doc.base64}
              page={previewPage}
              value={click}
              sealSizeMm={seal.image ? { widthMm: seal.image.widthMm, heightMm: seal.image.heightMm } : null}
              onPage={setPreviewPage}
              onChange={setClick}
            />
          )}
          {kind === 'keyword' && (
            <Form.Item
              label={t('关键字（印章盖在最后一次出现处）', 'Keyword (the seal covers its last occurrence)')}
              style={{ maxWidth: 480 }}
            >
              <Input value={keyword} onChange={(e) => setKeyword(e.target.value)} maxLength={100} />
            </Form.Item>
          )}
        </Card>
      )}

      {doc && seal && placement && (
        <Card title={t('3. 用印申请与审批', '3. Use request and approval')} style={{ marginBottom: 16 }}>
          {!request ? (
            <Form<{ reason: string; documentName: string }>
              layout="vertical"
              style={{ maxWidth: 560 }}
              initialValues={{ documentName: doc.name }}
              onFinish={(v) => void askForUse(v)}
            >
              <Form.Item
                name="documentName"
                label={t('文件名称', 'Document name')}
                rules={[{ required: true, whitespace: true, max: 200 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('用印事由', 'Reason for sealing')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    max: 500,
                    message: t('请填写用印事由', 'Enter the reason'),
                  },
                ]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('提交用印申请', 'Send use request')}
              </Button>
            </Form>
          ) : (
            <Space orientation="vertical">
              <span>
                {t('申请状态：', 'Request status: ')}
                <UseStatusTag status={request.status} />
              </span>
              {request.status === 'pending' && (
                <Alert
                  type="info"
                  showIcon
                  title={t(
                    '等待审批人批准（审批人在该印章的“用印登记”中处理）；本页会自动刷新状态。',
                    'Waiting for an approver (they decide in the seal’s usage register); this page updates itself.',
                  )}
                />
              )}
              {request.status === 'rejected' && (
                <Alert
                  type="error"
                  showIcon
                  title={t('用印申请被驳回，不能签章。', 'The request was rejected: no sealing.')}
                />
              )}
            </Space>
          )}
        </Card>
      )}

      {request?.status === 'approved' && !sealed && (
        <Card title={t('4. 输入 PIN 签章', '4. PIN and seal')} style={{ marginBottom: 16 }}>
          <Form<{ pin: string }> layout="inline" onFinish={(v) => void sealNow(v)}>
            <Form.Item
              name="pin"
              label={t('印章 PIN', 'Seal PIN')}
              rules={[
                {
                  required: true,
                  min: 6,
                  max: 64,
                  message: t('PIN 为 6–64 位', 'The PIN has 6–64 characters'),
                },
              ]}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('签章', 'Seal')}
            </Button>
          </Form>
        </Card>
      )}

      {sealed && seal && (
        <Result
          status="success"
          title={t('文件已签章', 'The document is sealed')}
          subTitle={t('已记入“{name}”的用印登记。', 'Entered in the usage register of “{name}”.', {
            name: seal.name,
          })}
          extra={[
            <Button
              key="download"
              type="primary"
              onClick={() => downloadBase64(sealed.pdfBase64, sealed.name, 'application/pdf')}
            >
              {t('下载已签章文件', 'Download the sealed PDF')}
            </Button>,
            <Link key="register" to={`/console/seals/${seal.id}`}>
              {t('查看用印登记', 'Open the usage register')}
            </Link>,
          ]}
        />
      )}
    </>
  );
}
