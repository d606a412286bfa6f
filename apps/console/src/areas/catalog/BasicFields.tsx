import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import {
  FILE_FORMAT_LABELS,
  HOLDER_CATEGORY_LABELS,
  HOLDER_CODE_TYPE_LABELS,
  SHARING_LABELS,
  VALIDITY_LABELS,
  levelOptions,
  optionsOf,
} from './labels';

/** The licence type's basic fields: name, definer, holders, validity, files, sharing, service items. */
export function BasicFields() {
  const { t } = useI18n();
  const required = { required: true, message: t('必填', 'Required') };
  const validityKind = Form.useWatch(['validity', 'kind']) as string | undefined;
  return (
    <Card title={t('基本信息', 'Basic information')} size="small" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('证照名称', 'Licence name')} rules={[required]}>
            <Input maxLength={256} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['definer', 'level']} label={t('签发级别', 'Issuer level')} rules={[required]}>
            <Select options={levelOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['definer', 'name']}
            label={t('定义机构名称', 'Defining authority')}
            rules={[required]}
          >
            <Input maxLength={128} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['definer', 'code']}
            label={t('定义机构统一社会信用代码', 'Defining authority’s credit code')}
            rules={[required]}
          >
            <Input maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="holderCategory" label={t('持证主体类别', 'Holders')} rules={[required]}>
            <Select options={optionsOf(HOLDER_CATEGORY_LABELS, t)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="holderCodeTypes" label={t('持证主体代码类型', 'Holder code types')}>
            <Select
              mode="multiple"
              options={optionsOf(HOLDER_CODE_TYPE_LABELS, t).map((o) => ({
                ...o,
                label: `${o.value} ${o.label}`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['validity', 'kind']} label={t('有效期', 'Validity')} rules={[required]}>
            <Select options={optionsOf(VALIDITY_LABELS, t)} />
          </Form.Item>
        </Col>
        {validityKind === 'fixed' && (
          <Col xs={24} md={12}>
            <Row gutter={8}>
              <Col span={8}>
                <Form.Item name={['validity', 'years']} label={t('年', 'Years')}>
                  <InputNumber min={0} max={100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['validity', 'months']} label={t('月', 'Months')}>
                  <InputNumber min={0} max={11} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['validity', 'days']} label={t('日', 'Days')}>
                  <InputNumber min={0} max={366} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="fileFormat" label={t('证照文件格式', 'File format')} rules={[required]}>
            <Radio.Group optionType="button" options={optionsOf(FILE_FORMAT_LABELS, t)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="sharing" label={t('共享属性', 'Sharing')} rules={[required]}>
            <Select options={optionsOf(SHARING_LABELS, t)} />
          </Form.Item>
        </Col>
      </Row>
      <ServiceItems />
    </Card>
  );
}

const FIELDSET = {
  border: '1px solid #d9d9d9',
  borderRadius: 4,
  padding: '8px 12px 12px',
  color: '#1f1f1f',
} as const;

/** 关联服务事项: code and name pairs. */
function ServiceItems() {
  const { t } = useI18n();
  return (
    <Form.List name="serviceItems">
      {(fields, { add, remove }) => (
        <fieldset style={FIELDSET}>
          <legend style={{ color: '#1f1f1f', fontSize: 14, width: 'auto', marginBottom: 8, border: 0 }}>
            {t('关联服务事项', 'Service items')}
          </legend>
          {fields.map((field, index) => (
            <Row gutter={8} key={field.key} align="bottom">
              <Col xs={10} md={6}>
                <Form.Item
                  name={[field.name, 'code']}
                  label={t('事项编码 {n}', 'Item code {n}', { n: index + 1 })}
                  rules={[{ required: true, message: t('必填', 'Required') }]}
                >
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={10} md={12}>
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('事项名称 {n}', 'Item name {n}', { n: index + 1 })}
                  rules={[{ required: true, message: t('必填', 'Required') }]}
                >
                  <Input maxLength={256} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('删除服务事项 {n}', 'Remove service item {n}', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '' })}>
            {t('添加服务事项', 'Add service item')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}
