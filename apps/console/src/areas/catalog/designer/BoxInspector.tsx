import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useI18n } from '../../../i18n';
import type { DataItem } from '../model';
import { isDateItem, itemName, STANDARD_ELEMENTS } from './elements';
import type { Align, BoxKey, DateFormat, FaceTemplate, FontStyle, Rect } from './face-model';
import { rectOf, updateFixedText, updateTextBox, withRect } from './face-model';
import { Field } from './Field';
import { GlyphWarning } from './GlyphWarning';

interface Props {
  template: FaceTemplate;
  selected: BoxKey;
  dataItems: readonly DataItem[];
  missing: ReadonlyMap<string, readonly string[]>;
  readOnly: boolean;
  title: string;
  onChange(template: FaceTemplate): void;
  onRemove(): void;
}

const num = (v: number | null, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

/** Exact numbers of the selected box: position, size, font size, what it prints and how. */
export function BoxInspector({
  template,
  selected,
  dataItems,
  missing,
  readOnly,
  title,
  onChange,
  onRemove,
}: Props) {
  const { t } = useI18n();
  const rect = rectOf(template, selected);
  if (!rect) return null;
  const square = selected === 'qr' || selected === 'seal';
  const setRect = (change: Partial<Rect>) => onChange(withRect(template, selected, { ...rect, ...change }));
  const [kind, indexText] = selected.split(':');
  const index = Number(indexText);
  const fixed = kind === 'fixed' ? template.fixedTexts[index] : undefined;
  const box = kind === 'text' ? template.textBoxes[index] : undefined;
  const alignOptions: { value: Align; label: string }[] = [
    { value: 'left', label: t('左对齐', 'Left') },
    { value: 'center', label: t('居中', 'Centre') },
    { value: 'right', label: t('右对齐', 'Right') },
  ];
  const fontOptions: { value: FontStyle; label: string }[] = [
    { value: 'serif', label: t('宋体（衬线）', 'Serif') },
    { value: 'sans', label: t('黑体（无衬线）', 'Sans serif') },
  ];
  const mm = (label: string) => t('{label}（毫米）', '{label} (mm)', { label });

  return (
    <Card
      size="small"
      title={title}
      extra={
        !readOnly && (
          <Button danger size="small" icon={<DeleteOutlined />} onClick={onRemove}>
            {t('删除此框', 'Remove box')}
          </Button>
        )
      }
    >
      <Form layout="vertical" disabled={readOnly} component="div">
        <Row gutter={8}>
          <Col span={12}>
            <Field id="box-x" label={mm('X')}>
              <InputNumber
                id="box-x"
                min={0}
                step={0.5}
                precision={1}
                value={rect.xMm}
                onChange={(v) => setRect({ xMm: num(v, rect.xMm) })}
                style={{ width: '100%' }}
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field id="box-y" label={mm('Y')}>
              <InputNumber
                id="box-y"
                min={0}
                step={0.5}
                precision={1}
                value={rect.yMm}
                onChange={(v) => setRect({ yMm: num(v, rect.yMm) })}
                style={{ width: '100%' }}
              />
            </Field>
          </Col>
          {square ? (
            <Col span={12}>
              <Field id="box-size" label={mm(t('边长', 'Size'))}>
                <InputNumber
                  id="box-size"
                  min={1}
                  step={0.5}
                  precision={1}
                  value={rect.widthMm}
                  onChange={(v) => setRect({ widthMm: num(v, rect.widthMm) })}
                  style={{ width: '100%' }}
                />
              </Field>
            </Col>
          ) : (
            <>
              <Col span={12}>
                <Field id="box-w" label={mm(t('宽', 'Width'))}>
                  <InputNumber
                    id="box-w"
                    min={1}
                    step={0.5}
                    precision={1}
                    value={rect.widthMm}
                    onChange={(v) => setRect({ widthMm: num(v, rect.widthMm) })}
                    style={{ width: '100%' }}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field id="box-h" label={mm(t('高', 'Height'))}>
                  <InputNumber
                    id="box-h"
                    min={1}
                    step={0.5}
                    precision={1}
                    value={rect.heightMm}
                    onChange={(v) => setRect({ heightMm: num(v, rect.heightMm) })}
                    style={{ width: '100%' }}
                  />
                </Field>
              </Col>
            </>
          )}
        </Row>
        {fixed && (
          <>
            <Field id="box-text" label={t('固定文字', 'Fixed text')}>
              <Input
                id="box-text"
                maxLength={2000}
                value={fixed.text}
                onChange={(e) => onChange(updateFixedText(template, index, { text: e.target.value }))}
              />
              <GlyphWarning missing={missing.get(fixed.text)} />
            </Field>
            <Row gutter={8}>
              <Col span={12}>
                <Field id="box-font-size" label={t('字号（磅）', 'Font size (pt)')}>
                  <InputNumber
                    id="box-font-size"
                    min={1}
                    max={300}
                    value={fixed.fontSize}
                    onChange={(v) =>
                      onChange(updateFixedText(template, index, { fontSize: num(v, fixed.fontSize) }))
                    }
                    style={{ width: '100%' }}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field id="box-align" label={t('对齐', 'Alignment')}>
                  <Select
                    id="box-align"
                    value={fixed.align}
                    options={alignOptions}
                    onChange={(align: Align) => onChange(updateFixedText(template, index, { align }))}
                  />
                </Field>
              </Col>
            </Row>
            <Field id="box-font" label={t('字体', 'Font')}>
              <Select
                id="box-font"
                value={fixed.font ?? 'serif'}
                options={fontOptions}
                onChange={(font: FontStyle) => onChange(updateFixedText(template, index, { font }))}
              />
            </Field>
          </>
        )}
        {box && (
          <>
            <Field id="box-item" label={t('绑定数据项', 'Data item')}>
              <Select
                id="box-item"
                showSearch
                optionFilterProp="label"
                value={box.item}
                onChange={(item: string) =>
                  onChange(
                    updateTextBox(template, index, {
                      item,
                      ...(isDateItem(item, dataItems) ? {} : { dateFormat: undefined }),
                    }),
                  )
                }
                options={[
                  {
                    label: t('数据项', 'Data items'),
                    options: dataItems.map((i) => ({
                      value: i.code,
                      label: `${t(i.labelZh, i.labelEn)}（${i.code}）`,
                    })),
                  },
                  {
                    label: t('证照基本信息', 'Licence elements'),
                    options: Object.keys(STANDARD_ELEMENTS).map((code) => ({
                      value: code,
                      label: `${itemName(code, [], t)}（${code}）`,
                    })),
                  },
                ]}
              />
            </Field>
            <Row gutter={8}>
              <Col span={12}>
                <Field id="box-font-size" label={t('字号（磅）', 'Font size (pt)')}>
                  <InputNumber
                    id="box-font-size"
                    min={1}
                    max={300}
                    value={box.fontSize}
                    onChange={(v) => {
                      const fontSize = num(v, box.fontSize);
                      onChange(
                        updateTextBox(template, index, {
                          fontSize,
                          minFontSize: Math.min(box.minFontSize, fontSize),
                        }),
                      );
                    }}
                    style={{ width: '100%' }}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field id="box-min-font-size" label={t('最小字号（磅）', 'Smallest size (pt)')}>
                  <InputNumber
                    id="box-min-font-size"
                    min={1}
                    max={box.fontSize}
                    value={box.minFontSize}
                    onChange={(v) =>
                      onChange(updateTextBox(template, index, { minFontSize: num(v, box.minFontSize) }))
                    }
                    style={{ width: '100%' }}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field id="box-align" label={t('对齐', 'Alignment')}>
                  <Select
                    id="box-align"
                    value={box.align}
                    options={alignOptions}
                    onChange={(align: Align) => onChange(updateTextBox(template, index, { align }))}
                  />
                </Field>
              </Col>
              <Col span={12}>
                <Field id="box-font" label={t('字体', 'Font')}>
                  <Select
                    id="box-font"
                    value={box.font ?? 'serif'}
                    options={fontOptions}
                    onChange={(font: FontStyle) => onChange(updateTextBox(template, index, { font }))}
                  />
                </Field>
              </Col>
            </Row>
            <Field id="box-wrap" label={t('自动换行', 'Wrap lines')}>
              <Switch
                id="box-wrap"
                checked={box.wrap}
                onChange={(wrap) => onChange(updateTextBox(template, index, { wrap }))}
              />
            </Field>
            {isDateItem(box.item, dataItems) && (
              <Field id="box-date-format" label={t('日期格式', 'Date format')}>
                <Select
                  id="box-date-format"
                  allowClear
                  value={box.dateFormat}
                  options={[
                    { value: 'yyyy年M月d日', label: '2026年6月1日' },
                    { value: 'yyyy-MM-dd', label: '2026-06-01' },
                  ]}
                  onChange={(dateFormat: DateFormat | undefined) =>
                    onChange(updateTextBox(template, index, { dateFormat }))
                  }
                />
              </Field>
            )}
          </>
        )}
      </Form>
    </Card>
  );
}
