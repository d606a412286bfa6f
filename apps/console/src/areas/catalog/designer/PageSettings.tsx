import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, InputNumber, Row, Upload } from 'antd';
import { fileToBase64 } from '../../../api';
import { useI18n } from '../../../i18n';
import type { FaceTemplate } from './face-model';
import { withPage } from './face-model';
import { Field } from './Field';

/** The server's limit for the background image. */
const MAX_BACKGROUND_BYTES = 5 * 1024 * 1024;

/** The page (the background's size, in millimetres) and its background picture. */
export function PageSettings({
  template,
  readOnly,
  onChange,
}: {
  template: FaceTemplate;
  readOnly: boolean;
  onChange(template: FaceTemplate): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const setSize = (change: Partial<FaceTemplate['page']>) =>
    onChange(withPage(template, { ...template.page, ...change }));

  const upload = async (file: File) => {
    if (file.type !== 'image/png') {
      void message.error(t('底图须为 PNG 图片', 'The background must be a PNG image'));
      return;
    }
    if (file.size > MAX_BACKGROUND_BYTES) {
      void message.error(t('底图不能超过 5 MB', 'The background may not exceed 5 MB'));
      return;
    }
    onChange({ ...template, backgroundPngBase64: await fileToBase64(file) });
  };

  return (
    <Card size="small" title={t('照面（底图尺寸）', 'Face (background size)')}>
      <Form layout="vertical" disabled={readOnly} component="div">
        <Row gutter={8}>
          <Col span={12}>
            <Field id="page-width" label={t('宽（毫米）', 'Width (mm)')}>
              <InputNumber
                id="page-width"
                min={20}
                max={1500}
                precision={1}
                value={template.page.widthMm}
                onChange={(v) => typeof v === 'number' && setSize({ widthMm: v })}
                style={{ width: '100%' }}
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field id="page-height" label={t('高（毫米）', 'Height (mm)')}>
              <InputNumber
                id="page-height"
                min={20}
                max={1500}
                precision={1}
                value={template.page.heightMm}
                onChange={(v) => typeof v === 'number' && setSize({ heightMm: v })}
                style={{ width: '100%' }}
              />
            </Field>
          </Col>
        </Row>
        <Flex gap={8} wrap>
          <Button onClick={() => onChange(withPage(template, { widthMm: 297, heightMm: 210 }))}>
            {t('A4 横向', 'A4 landscape')}
          </Button>
          <Button onClick={() => onChange(withPage(template, { widthMm: 210, heightMm: 297 }))}>
            {t('A4 纵向', 'A4 portrait')}
          </Button>
        </Flex>
        <div style={{ marginTop: 12 }}>
          <Flex gap={8} wrap>
            <Upload
              accept="image/png"
              showUploadList={false}
              disabled={readOnly}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('上传底图（PNG）', 'Upload background (PNG)')}</Button>
            </Upload>
            {template.backgroundPngBase64 && (
              <Button
                icon={<DeleteOutlined />}
                onClick={() => {
                  const { backgroundPngBase64: _removed, ...rest } = template;
                  onChange(rest);
                }}
              >
                {t('移除底图', 'Remove background')}
              </Button>
            )}
          </Flex>
        </div>
      </Form>
    </Card>
  );
}
