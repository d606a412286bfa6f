import { useMemo } from 'react';
import { api } from '../../../api';
import { useRequest } from '../../../hooks';
import type { Region } from './types';

const PAGE_SIZE = 100;

/** Every region (the hierarchy is small: provinces, cities, counties of one platform). */
async function loadAllRegions(): Promise<Region[]> {
  const all: Region[] = [];
  for (let page = 1; ; page++) {
    const result = await api.listRegions({ query: { page, pageSize: PAGE_SIZE } });
    all.push(...result.items);
    if (all.length >= result.total || result.items.length < PAGE_SIZE) return all;
  }
}

export interface Regions {
  readonly list: readonly Region[];
  readonly byCode: ReadonlyMap<string, Region>;
  readonly loading: boolean;
  reload(): void;
}

export function useRegions(): Regions {
  const request = useRequest(loadAllRegions, []);
  const list = useMemo(() => request.data ?? [], [request.data]);
  const byCode = useMemo(() => new Map(list.map((r) => [r.code, r])), [list]);
  return { list, byCode, loading: request.loading, reload: request.reload };
}
