import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n';
import { buildRegionTree } from './regionTree';
import type { Region } from './types';

interface Props {
  readonly regions: readonly Region[];
  readonly value?: string | null;
  onChange?(value: string | undefined): void;
  readonly id?: string;
  readonly allowClear?: boolean;
  readonly placeholder?: string;
  readonly 'aria-label'?: string;
}

/** Picks one region from the hierarchy; type a name or a code to search. */
export function RegionSelect({ regions, value, onChange, id, allowClear, placeholder, ...rest }: Props) {
  const { t } = useI18n();
  const tree = useMemo(() => buildRegionTree(regions), [regions]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={tree}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      allowClear={allowClear}
      placeholder={placeholder ?? t('选择或输入行政区划名称、代码', 'Choose or type a region name or code')}
      notFoundContent={t('没有行政区划', 'No regions')}
      style={{ width: '100%' }}
    />
  );
}
