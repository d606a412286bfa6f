import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import type { DataItem } from '../model';
import { itemName, STANDARD_ELEMENTS } from './elements';

/** Adds boxes: a data-item text box, a fixed text, the QR code, the seal. */
export function DesignerToolbar({
  dataItems,
  hasQr,
  hasSeal,
  onAddTextBox,
  onAddFixedText,
  onAddQr,
  onAddSeal,
}: {
  dataItems: readonly DataItem[];
  hasQr: boolean;
  hasSeal: boolean;
  onAddTextBox(item: string): void;
  onAddFixedText(): void;
  onAddQr(): void;
  onAddSeal(): void;
}) {
  const { t } = useI18n();
  const [item, setItem] = useState<string | undefined>(dataItems[0]?.code);
  const options = [
    ...dataItems.map((i) => ({ value: i.code, label: `${t(i.labelZh, i.labelEn)}（${i.code}）` })),
    ...Object.keys(STANDARD_ELEMENTS).map((code) => ({
      value: code,
      label: `${itemName(code, [], t)}（${code}）`,
    })),
  ];
  return (
    <Flex
      gap={8}
      wrap
      align="center"
      style={{ marginBottom: 12 }}
      role="toolbar"
      aria-label={t('添加框', 'Add boxes')}
    >
      <Select
        aria-label={t('数据框绑定的数据项', 'Data item of the new text box')}
        style={{ minWidth: 220 }}
        showSearch
        optionFilterProp="label"
        value={item}
        onChange={setItem}
        options={options}
      />
      <Button icon={<PlusOutlined />} disabled={!item} onClick={() => item && onAddTextBox(item)}>
        {t('添加数据框', 'Add text box')}
      </Button>
      <Button icon={<PlusOutlined />} onClick={onAddFixedText}>
        {t('添加固定文字', 'Add fixed text')}
      </Button>
      <Button icon={<PlusOutlined />} disabled={hasQr} onClick={onAddQr}>
        {t('添加二维码', 'Add QR code')}
      </Button>
      <Button icon={<PlusOutlined />} disabled={hasSeal} onClick={onAddSeal}>
        {t('添加印章', 'Add seal')}
      </Button>
    </Flex>
  );
}
