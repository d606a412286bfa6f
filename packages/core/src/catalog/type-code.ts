import { validateUscc } from '@zhengyin/gm';

/** 证照类型代码: 21 characters, the defining authority's 统一社会信用代码 followed by 3 digits. */
export function checkTypeCode(typeCode: string, definerCode: string): string[] {
  const problems: string[] = [];
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/.test(typeCode)) problems.push('type code must be 18 + 3 digits');
  if (!validateUscc(definerCode).valid) problems.push('definer code is not a valid 统一社会信用代码');
  if (typeCode.slice(0, 18) !== definerCode) problems.push('type code must start with the definer code');
  return problems;
}
