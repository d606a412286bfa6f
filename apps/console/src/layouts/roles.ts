import type { Lang } from '../i18n';
import type { RoleName } from '../session';

const ROLE_NAMES: Record<RoleName, readonly [string, string]> = {
  platform_admin: ['平台管理员', 'Platform administrator'],
  region_admin: ['地区管理员', 'Region administrator'],
  catalog_admin: ['目录管理员', 'Catalogue administrator'],
  issuer: ['制证签发员', 'Issuer'],
  user_operator: ['用证经办人', 'Use operator'],
  seal_admin: ['印章管理员', 'Seal administrator'],
  seal_keeper: ['印章保管人', 'Seal keeper'],
  approver: ['审批人', 'Approver'],
  auditor: ['审计员', 'Auditor'],
};

export const ROLE_LIST = Object.keys(ROLE_NAMES) as RoleName[];

export const roleName = (role: RoleName, lang: Lang) => ROLE_NAMES[role][lang === 'en' ? 1 : 0];
