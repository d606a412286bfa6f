import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';

interface Props {
  readonly value?: string | null;
  onChange?(value: string | undefined): void;
  readonly id?: string;
  readonly 'aria-label'?: string;
}

/** Picks an active department by name or credit code (searched on the server). */
export function DepartmentSelect({ value, onChange, id, ...rest }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useRequest(
    () => api.listDepartments({ query: { q: q || undefined, active: 'true', pageSize: 20 } }),
    [q],
  );
  // The chosen department stays labelled even when the current search does not list it.
  const chosen = useRequest(
    async () => (value ? await api.getDepartment({ params: { id: value } }) : null),
    [value],
  );
  const options = (found.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.uscc}）` }));
  if (chosen.data && !options.some((o) => o.value === chosen.data!.id))
    options.unshift({ value: chosen.data.id, label: `${chosen.data.name}（${chosen.data.uscc}）` });
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={found.loading}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      placeholder={t('输入部门名称或统一社会信用代码搜索', 'Type a department name or credit code')}
      notFoundContent={
        found.loading ? t('加载中…', 'Loading…') : t('没有匹配的部门', 'No matching department')
      }
    />
  );
}
