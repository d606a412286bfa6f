import type { Region } from './types';

export interface RegionNode {
  readonly key: string;
  readonly value: string;
  readonly title: string;
  readonly region: Region;
  readonly children: RegionNode[];
}

/** "西安市（610100）": the code is part of the title so that searching by code finds it. */
export const regionLabel = (r: Pick<Region, 'name' | 'code'>) => `${r.name}（${r.code}）`;

/** Builds the GB/T 2260 hierarchy; regions whose parent is missing become roots. */
export function buildRegionTree(regions: readonly Region[]): RegionNode[] {
  const nodes = new Map<string, RegionNode>(
    regions.map((r) => [
      r.code,
      { key: r.code, value: r.code, title: regionLabel(r), region: r, children: [] },
    ]),
  );
  const roots: RegionNode[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const parent = node.region.parentCode ? nodes.get(node.region.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
