import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { useI18n } from '../../../i18n';
import { CameraScanner, cameraAvailable } from './CameraScanner';
import { decodeQrImage, extractShowToken } from './qrDecode';

/**
 * The holder's 亮证 code: pasted (a scanner gun types it), read from an uploaded image or photo of
 * the QR code, or scanned with the camera when there is one.
 */
export function ShowTokenInput({
  busy,
  submitText,
  onSubmit,
}: {
  busy: boolean;
  submitText: string;
  onSubmit(token: string): void;
}) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);

  const accept = useCallback((text: string) => {
    setToken(extractShowToken(text));
    setProblem(null);
    setCamera(false);
  }, []);

  const readImage = async (file: Blob) => {
    try {
      const text = await decodeQrImage(file);
      if (text) accept(text);
      else setProblem(t('图片中没有找到二维码', 'No QR code found in the image'));
    } catch {
      setProblem(t('无法读取该图片', 'The image cannot be read'));
    }
  };

  return (
    <Form
      layout="vertical"
      onFinish={() => {
        if (token.trim()) onSubmit(extractShowToken(token));
        else setProblem(t('请先扫描或粘贴亮证码', 'Scan or paste the holder’s code first'));
      }}
    >
      <Form.Item label={t('亮证码', 'Holder’s code')} htmlFor="show-token">
        <Input.TextArea
          id="show-token"
          value={token}
          rows={3}
          placeholder={t('扫码枪扫描或粘贴持证人出示的亮证码', 'Scan with a barcode gun or paste the code')}
          onChange={(e) => setToken(e.target.value)}
        />
      </Form.Item>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Upload
          accept="image/*"
          showUploadList={false}
          beforeUpload={(file) => {
            void readImage(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>
            {t('上传或拍摄二维码图片', 'Upload or photograph the QR code')}
          </Button>
        </Upload>
        {cameraAvailable() && (
          <Button icon={<CameraOutlined />} onClick={() => setCamera(true)}>
            {t('用摄像头扫描', 'Scan with the camera')}
          </Button>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitText}
        </Button>
      </Flex>
      {problem && <Alert type="warning" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <CameraScanner open={camera} onClose={() => setCamera(false)} onText={accept} />
    </Form>
  );
}
