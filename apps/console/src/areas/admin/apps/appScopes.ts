import { APP_SCOPES } from '@zhengyin/contract';

export type AppScope = (typeof APP_SCOPES)[number];

export { APP_SCOPES };

/** What each scope lets an integrating system do. */
export const SCOPE_DESCRIPTIONS: Record<AppScope, readonly [string, string]> = {
  'orgs:read': ['读取行政区划与部门', 'Read regions and departments'],
  'apps:self': ['查询本应用信息（签名自检）', 'Read its own record (signature self-check)'],
  'licenses:issue': ['制证签发', 'Issue licences'],
  'licenses:use': ['用证（共享服务接口）', 'Use licences (sharing API)'],
};

const CIDR = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;

/** The allow-list textarea: one address or CIDR per line (commas and spaces also separate). */
export function parseAllowList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const invalidAddresses = (list: readonly string[]) => list.filter((a) => !CIDR.test(a));
