import { UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { Button, Card, Form, Input, InputNumber, Radio, Select, Space, Upload } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, fileToBase64 } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import {
  BUSINESS_PURPOSES,
  SEAL_ALGORITHMS,
  SEAL_TYPES,
  algorithmName,
  isPersonalType,
  purposeName,
  sealTypeName,
} from '../labels';
import type { ApplySealBody, BusinessPurpose, SealAlgorithm, SealType } from '../model';
import { useSealDepartments } from '../useSealDepartments';

interface ApplyValues {
  departmentId: string;
  type: SealType;
  purpose?: BusinessPurpose;
  name: string;
  ownerKind: 'department' | 'enterprise';
  ownerName?: string;
  ownerCode?: string;
  keeperId: string;
  algorithm: SealAlgorithm;
  imageKind: 'generate' | 'upload';
  shape?: 'round' | 'oval' | 'square';
  bottomText?: string;
  imageFile?: UploadFile[];
  widthMm?: number;
  heightMm?: number;
  reason: string;
  attachments?: UploadFile[];
}

const fileList = (e: { fileList: UploadFile[] } | UploadFile[]) => (Array.isArray(e) ? e : e.fileList);
const required = (message: string) => [{ required: true, whitespace: true, message }];

async function toBody(v: ApplyValues): Promise<ApplySealBody> {
  const personal = isPersonalType(v.type);
  const owner: ApplySealBody['owner'] = personal
    ? { kind: 'person', name: v.ownerName ?? '', code: v.ownerCode ?? '' }
    : v.ownerKind === 'enterprise'
      ? { kind: 'enterprise', name: v.ownerName ?? '', code: v.ownerCode ?? '' }
      : { kind: 'department' };
  const uploaded = v.imageFile?.[0]?.originFileObj;
  const image: ApplySealBody['image'] =
    v.imageKind === 'upload' && uploaded
      ? {
          kind: 'upload',
          base64: await fileToBase64(uploaded),
          widthMm: v.widthMm ?? 42,
          heightMm: v.heightMm ?? 42,
        }
      : {
          kind: 'generate',
          ...(v.shape ? { shape: v.shape } : {}),
          ...(v.bottomText?.trim() ? { bottomText: v.bottomText.trim() } : {}),
        };
  const attachments = await Promise.all(
    (v.attachments ?? []).flatMap((f) =>
      f.originFileObj
        ? [
            fileToBase64(f.originFileObj).then((base64) => ({
              name: f.name,
              contentType: f.type || 'application/octet-stream',
              base64,
            })),
          ]
        : [],
    ),
  );
  return {
    departmentId: v.departmentId,
    type: v.type,
    ...(v.type === 'business' ? { purpose: v.purpose ?? null } : {}),
    name: v.name.trim(),
    owner,
    keeperId: v.keeperId,
    reason: v.reason.trim(),
    algorithm: v.algorithm,
    image,
    ...(attachments.length ? { attachments } : {}),
  };
}

/** 申请: a seal administrator applies for a seal of a department, an enterprise or a person. */
export default function SealApplyPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplyValues>();
  const { run, busy } = useAction();
  const departments = useSealDepartments(['seal_admin']);
  const departmentId = Form.useWatch('departmentId', form);
  const type = Form.useWatch('type', form);
  const ownerKind = Form.useWatch('ownerKind', form);
  const imageKind = Form.useWatch('imageKind', form);
  const keepers = useRequest(
    async () => (departmentId ? (await api.listSealKeepers({ query: { departmentId } })).items : []),
    [departmentId],
  );
  const personal = type ? isPersonalType(type) : false;
  const otherOwner = personal || ownerKind === 'enterprise';

  const submit = async (values: ApplyValues) => {
    const seal = await run(
      async () => api.applySeal({ body: await toBody(values) }),
      t('申请已提交', 'Application submitted'),
    );
    if (seal) navigate(`/console/seals/${seal.id}`);
  };

  return (
    <>
      <PageTitle>{t('申请电子印章', 'Apply for an electronic seal')}</PageTitle>
      <Card>
        <Form<ApplyValues>
          form={form}
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={{
            type: 'official',
            ownerKind: 'department',
            algorithm: 'sm2',
            imageKind: 'generate',
          }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="departmentId"
            label={t('申请部门', 'Department')}
            rules={[{ required: true, message: t('请选择部门', 'Choose the department') }]}
          >
            <Select
              loading={departments.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              onChange={() => form.setFieldValue('keeperId', undefined)}
            />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="type" label={t('印章类型', 'Seal type')} rules={[{ required: true }]}>
              <Select
                style={{ width: 220 }}
                options={SEAL_TYPES.map((s) => ({ value: s, label: sealTypeName(s, lang) }))}
              />
            </Form.Item>
            {type === 'business' && (
              <Form.Item
                name="purpose"
                label={t('业务用途', 'Purpose')}
                rules={[
                  { required: true, message: t('业务专用章须选择用途', 'A business seal needs its purpose') },
                ]}
              >
                <Select
                  style={{ width: 220 }}
                  options={BUSINESS_PURPOSES.map((p) => ({ value: p, label: purposeName(p, lang) }))}
                />
              </Form.Item>
            )}
            <Form.Item name="algorithm" label={t('签名算法', 'Algorithm')} rules={[{ required: true }]}>
              <Select
                style={{ width: 260 }}
                options={SEAL_ALGORITHMS.map((a) => ({ value: a, label: algorithmName(a, lang) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="name"
            label={t('印章名称', 'Seal name')}
            rules={[...required(t('请填写印章名称', 'Enter the seal name')), { max: 64 }]}
          >
            <Input
              placeholder={t('例如：西安市市场监督管理局合同专用章', 'e.g. 西安市市场监督管理局合同专用章')}
            />
          </Form.Item>
          {!personal && (
            <Form.Item name="ownerKind" label={t('印章所有者', 'Owner')}>
              <Radio.Group
                options={[
                  { value: 'department', label: t('本部门', 'This department') },
                  { value: 'enterprise', label: t('企业', 'An enterprise') },
                ]}
              />
            </Form.Item>
          )}
          {otherOwner && (
            <Space wrap size="large" align="start">
              <Form.Item
                name="ownerName"
                label={personal ? t('持章人姓名', 'Person’s name') : t('企业名称', 'Enterprise name')}
                rules={required(t('请填写所有者名称', 'Enter the owner’s name'))}
              >
                <Input style={{ width: 280 }} />
              </Form.Item>
              <Form.Item
                name="ownerCode"
                label={
                  personal
                    ? t('公民身份号码', 'Citizen ID number')
                    : t('统一社会信用代码', 'Unified social credit code')
                }
                rules={required(t('请填写代码', 'Enter the code'))}
              >
                <Input style={{ width: 280 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item
            name="keeperId"
            label={t('印章保管人', 'Seal keeper')}
            extra={t(
              '部门内持有“印章保管员”角色的账号',
              'An account of the department with the seal keeper role',
            )}
            rules={[{ required: true, message: t('请选择保管人', 'Choose the keeper') }]}
          >
            <Select
              loading={keepers.loading}
              disabled={!departmentId}
              notFoundContent={t('该部门没有印章保管员', 'The department has no seal keeper')}
              options={(keepers.data ?? []).map((k) => ({
                value: k.id,
                label: `${k.displayName}（${k.username}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="imageKind" label={t('印模', 'Seal image')}>
            <Radio.Group
              options={[
                { value: 'generate', label: t('按规范自动生成', 'Generate to the standard') },
                { value: 'upload', label: t('上传 PNG / SVG', 'Upload PNG / SVG') },
              ]}
            />
          </Form.Item>
          {imageKind === 'upload' ? (
            <Space wrap size="large" align="start">
              <Form.Item
                name="imageFile"
                label={t('印模文件', 'Image file')}
                valuePropName="fileList"
                getValueFromEvent={fileList}
                rules={[{ required: true, message: t('请选择印模文件', 'Choose the image file') }]}
              >
                <Upload beforeUpload={() => false} maxCount={1} accept=".png,.svg,image/png,image/svg+xml">
                  <Button icon={<UploadOutlined />}>{t('选择文件', 'Choose file')}</Button>
                </Upload>
              </Form.Item>
              <Form.Item
                name="widthMm"
                label={t('宽（毫米）', 'Width (mm)')}
                initialValue={42}
                rules={[{ required: true }]}
              >
                <InputNumber min={10} max={80} />
              </Form.Item>
              <Form.Item
                name="heightMm"
                label={t('高（毫米）', 'Height (mm)')}
                initialValue={42}
                rules={[{ required: true }]}
              >
                <InputNumber min={10} max={80} />
              </Form.Item>
            </Space>
          ) : (
            <Space wrap size="large" align="start">
              <Form.Item name="shape" label={t('形状（默认按类型）', 'Shape (default by type)')}>
                <Select
                  allowClear
                  style={{ width: 200 }}
                  options={[
                    { value: 'round', label: t('圆形', 'Round') },
                    { value: 'oval', label: t('椭圆', 'Oval') },
                    { value: 'square', label: t('方形', 'Square') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="bottomText" label={t('下弦文字', 'Bottom text')} rules={[{ max: 16 }]}>
                <Input style={{ width: 220 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item
            name="reason"
            label={t('申请事由', 'Reason')}
            rules={[...required(t('请填写申请事由', 'Enter the reason')), { max: 500 }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item
            name="attachments"
            label={t('证明材料（可选，最多 5 个）', 'Supporting files (optional, up to 5)')}
            valuePropName="fileList"
            getValueFromEvent={fileList}
          >
            <Upload beforeUpload={() => false} maxCount={5} multiple>
              <Button icon={<UploadOutlined />}>{t('添加文件', 'Add files')}</Button>
            </Upload>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('提交申请', 'Submit application')}
            </Button>
            <Button onClick={() => navigate('/console/seals')}>{t('取消', 'Cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
