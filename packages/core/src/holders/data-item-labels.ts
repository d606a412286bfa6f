import type { DataItem } from '../catalog/types.js';

/** How a data item is named to a holder, who knows 法定代表人 rather than FDDBR. */
export interface DataItemLabel {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
}

/**
 * The labels of `codes` from the given data-item definitions (the first one that names a code
 * wins); a code no definition names keeps the code as its label.
 */
export function dataItemLabels(
  codes: readonly string[],
  definitions: readonly (readonly DataItem[])[],
): DataItemLabel[] {
  return codes.map((code) => {
    for (const items of definitions) {
      const item = items.find((i) => i.code === code);
      if (item) return { code, labelZh: item.labelZh, labelEn: item.labelEn };
    }
    return { code, labelZh: code, labelEn: code };
  });
}
