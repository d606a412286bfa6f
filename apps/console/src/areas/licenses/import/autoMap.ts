import type { DataItem } from '../model';

/** The licence fields an import can fill besides the data items (documents/tabular LICENSE_FIELDS). */
export const LICENSE_FIELDS = [
  { key: '$holderName', names: ['持证主体名称', 'Holder name'], required: true },
  { key: '$holderCode', names: ['持证主体代码', 'Holder code'], required: true },
  { key: '$holderCodeType', names: ['持证主体代码类型', 'Holder code type'], required: false },
  { key: '$licenseNumber', names: ['证照编号', 'Licence number'], required: false },
  { key: '$issueDate', names: ['签发日期', 'Issue date'], required: false },
  { key: '$validFrom', names: ['有效期起', 'Valid from'], required: false },
  { key: '$validTo', names: ['有效期至', 'Valid to'], required: false },
] as const;

/** Headers that commonly hold each licence field in existing registers. */
const SYNONYMS: Record<string, string[]> = {
  $holderName: ['持证主体', '持证人', '企业名称', '单位名称', '名称', '姓名', 'holder'],
  $holderCode: ['统一社会信用代码', '社会信用代码', '身份证号码', '公民身份号码', '证件号码', '代码'],
  $holderCodeType: ['代码类型', '证件类型'],
  $licenseNumber: ['证书编号', '许可证编号', '证号', '编号', 'license number'],
  $issueDate: ['发证日期', '颁发日期', '发证时间'],
  $validFrom: ['有效期自', '有效期开始', '起始日期', '有效期起始'],
  $validTo: ['有效期截止', '截止日期', '有效期至', '到期日期'],
};

/** Case, spaces, brackets and punctuation do not tell names apart. */
const norm = (s: string) => s.toLowerCase().replace(/[\s()（）【】[\]:：_\-—·.,，、/]/g, '');

export interface MapTarget {
  readonly key: string;
  readonly names: readonly string[];
}

export function mapTargets(items: readonly DataItem[]): MapTarget[] {
  return [
    ...LICENSE_FIELDS.map((f) => ({ key: f.key, names: [...f.names, ...(SYNONYMS[f.key] ?? [])] })),
    ...items.map((i) => ({ key: i.code, names: [i.labelZh, i.labelEn, i.code] })),
  ];
}

/**
 * Proposes a column for each target: first headers equal to one of its names, then headers that
 * contain a name (or are contained in it); a header is given to one target only.
 */
export function autoMap(headers: readonly string[], targets: readonly MapTarget[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  const pass = (matches: (header: string, name: string) => boolean) => {
    for (const target of targets) {
      if (mapping[target.key]) continue;
      for (const name of target.names) {
        const header = headers.find((h) => h && !used.has(h) && matches(norm(h), norm(name)));
        if (header) {
          mapping[target.key] = header;
          used.add(header);
          break;
        }
      }
    }
  };
  pass((h, n) => h === n);
  pass((h, n) => n.length >= 2 && h.length >= 2 && (h.includes(n) || n.includes(h)));
  return mapping;
}
