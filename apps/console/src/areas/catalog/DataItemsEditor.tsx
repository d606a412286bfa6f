import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { FormListFieldData } from 'antd';
import { useI18n } from '../../i18n';
import { emptyDataItem } from './form-values';
import { ITEM_TYPE_LABELS, MASKING_LABELS, optionsOf } from './labels';

/** 数据项: add, remove, reorder; code (the key), names, type, required, length, pattern, values, masking. */
export function DataItemsEditor({ disabled }: { disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.List name="dataItems">
      {(fields, { add, remove, move }) => (
        <Card
          title={t('数据项（{n} 项）', 'Data items ({n})', { n: fields.length })}
          size="small"
          style={{ marginBottom: 16 }}
          extra={
            !disabled && (
              <Button icon={<PlusOutlined />} onClick={() => add(emptyDataItem())}>
                {t('添加数据项', 'Add data item')}
              </Button>
            )
          }
        >
          {fields.length === 0 && (
            <p>{t('还没有数据项，至少需要一项。', 'No data items yet; at least one is needed.')}</p>
          )}
          {fields.map((field, index) => (
            <DataItemRow
              key={field.key}
              field={field}
              index={index}
              count={fields.length}
              disabled={disabled}
              onRemove={() => remove(field.name)}
              onMove={(to) => move(index, to)}
            />
          ))}
        </Card>
      )}
    </Form.List>
  );
}

function DataItemRow({
  field,
  index,
  count,
  disabled,
  onRemove,
  onMove,
}: {
  field: FormListFieldData;
  index: number;
  count: number;
  disabled?: boolean;
  onRemove(): void;
  onMove(to: number): void;
}) {
  const { t } = useI18n();
  const type = Form.useWatch(['dataItems', field.name, 'type']) as string | undefined;
  const masking = Form.useWatch(['dataItems', field.name, 'masking', 'kind']) as string | undefined;
  const code = Form.useWatch(['dataItems', field.name, 'code']) as string | undefined;
  const groupName = t('数据项 {n}', 'Data item {n}', { n: index + 1 });
  const required = { required: true, message: t('必填', 'Required') };
  return (
    <section
      role="group"
      aria-label={groupName}
      style={{ borderTop: index ? '1px solid #f0f0f0' : undefined, paddingTop: index ? 12 : 0 }}
    >
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <strong>
          {groupName}
          {code ? ` · ${code}` : ''}
        </strong>
        {!disabled && (
          <Flex gap={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('上移{name}', 'Move {name} up', { name: groupName })}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('下移{name}', 'Move {name} down', { name: groupName })}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            />
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('删除{name}', 'Remove {name}', { name: groupName })}
              onClick={onRemove}
            />
          </Flex>
        )}
      </Flex>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item
            name={[field.name, 'code']}
            label={t('编码（键）', 'Code (key)')}
            extra={t('大写字母开头，如 KZ_JYCS', 'Upper case, e.g. KZ_JYCS')}
            rules={[required]}
          >
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[field.name, 'labelZh']} label={t('中文名称', 'Chinese name')} rules={[required]}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[field.name, 'labelEn']} label={t('英文名称', 'English name')} rules={[required]}>
            <Input maxLength={128} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name={[field.name, 'type']} label={t('类型', 'Type')} rules={[required]}>
            <Select options={optionsOf(ITEM_TYPE_LABELS, t)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={2}>
          <Form.Item name={[field.name, 'required']} label={t('必填', 'Required')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        {(type === 'text' || type === 'enum' || type === 'image') && (
          <>
            <Col xs={12} md={6}>
              <Form.Item name={[field.name, 'maxLength']} label={t('最大长度', 'Maximum length')}>
                <InputNumber min={1} max={10000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name={[field.name, 'pattern']}
                label={t('格式（正则表达式）', 'Pattern (regular expression)')}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </>
        )}
        {type === 'enum' && (
          <Col xs={24} md={12}>
            <Form.Item
              name={[field.name, 'enumValues']}
              label={t('枚举值（回车添加）', 'Values (Enter adds one)')}
              rules={[required]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
            </Form.Item>
          </Col>
        )}
        {type === 'table' && (
          <Col xs={24} md={12}>
            <Form.Item
              name={[field.name, 'columns']}
              label={t('表格列编码（回车添加）', 'Column codes (Enter adds one)')}
              rules={[required]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} md={6}>
          <Form.Item name={[field.name, 'masking', 'kind']} label={t('公开时', 'On public pages')}>
            <Select options={optionsOf(MASKING_LABELS, t)} />
          </Form.Item>
        </Col>
        {masking === 'partial' && (
          <>
            <Col xs={6} md={3}>
              <Form.Item name={[field.name, 'masking', 'keepStart']} label={t('保留前', 'Keep first')}>
                <InputNumber min={0} max={20} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={6} md={3}>
              <Form.Item name={[field.name, 'masking', 'keepEnd']} label={t('保留后', 'Keep last')}>
                <InputNumber min={0} max={20} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
    </section>
  );
}
