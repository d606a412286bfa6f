import { Form, Input, Radio } from 'antd';
import { useI18n } from '../../../i18n';
import { formatName } from '../labels';
import type { FileFormat } from '../model';

const FORMATS: FileFormat[] = ['pdf', 'ofd', 'both'];

/** File format(s) to issue and the seal keeper's PIN that unlocks the seal. */
export function SigningFields() {
  const { t, lang } = useI18n();
  return (
    <>
      <Form.Item
        name="fileFormat"
        label={t('文件格式', 'File format')}
        extra={t('OFD 需要 SM2 印章。', 'OFD needs an SM2 seal.')}
      >
        <Radio.Group options={FORMATS.map((f) => ({ value: f, label: formatName(f, lang) }))} />
      </Form.Item>
      <Form.Item
        name="sealPin"
        label={t('印章 PIN 码', 'Seal PIN')}
        rules={[{ required: true, message: t('请输入印章 PIN 码', 'Enter the seal PIN') }]}
      >
        <Input.Password autoComplete="off" maxLength={64} style={{ maxWidth: 240 }} />
      </Form.Item>
    </>
  );
}
