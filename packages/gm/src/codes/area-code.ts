import type { CodeCheckResult } from './result.js';
import { invalid } from './result.js';

/** GB/T 2260 administrative division codes: PP CC DD (province, city, county). */

export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

export type AreaCodeLevel = 'province' | 'city' | 'county';
export type AreaCodeReason = 'FORMAT' | 'PROVINCE' | 'STRUCTURE';

export interface AreaCodeDetails {
  readonly code: string;
  readonly level: AreaCodeLevel;
  readonly provinceCode: string;
  readonly provinceName: string;
  /** Code of the enclosing division, or null for a province. */
  readonly parent: string | null;
}

export type AreaCodeResult = CodeCheckResult<AreaCodeDetails, AreaCodeReason>;

/**
 * Checks the shape only (the current code list changes yearly and is not bundled): 6 digits, a
 * known province prefix, and no county part under a "00" city part.
 */
export function validateAreaCode(input: string): AreaCodeResult {
  const code = input.trim();
  if (!/^\d{6}$/.test(code)) return invalid('FORMAT', 'area code must be 6 digits');
  const provinceCode = code.slice(0, 2);
  const provinceName = PROVINCES[provinceCode];
  if (!provinceName) return invalid('PROVINCE', `unknown province code ${provinceCode}`);
  const city = code.slice(2, 4);
  const county = code.slice(4);
  if (city === '00' && county !== '00') return invalid('STRUCTURE', 'a county part needs a city part');
  const level: AreaCodeLevel = city === '00' ? 'province' : county === '00' ? 'city' : 'county';
  const parent =
    level === 'province' ? null : level === 'city' ? `${provinceCode}0000` : `${provinceCode}${city}00`;
  return { valid: true, code, level, provinceCode, provinceName, parent };
}
