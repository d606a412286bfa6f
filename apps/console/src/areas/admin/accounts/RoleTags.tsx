import { Flex, Tag } from 'antd';
import { useI18n } from '../../../i18n';
import { roleName } from '../../../layouts/roles';
import type { RoleGrant } from '../shared/types';
import type { Regions } from '../shared/useRegions';

interface Props {
  readonly roles: readonly RoleGrant[];
  readonly regions: Regions;
  readonly departments: ReadonlyMap<string, string>;
}

/** "制证签发员 · 西安市市场监督管理局" for every role of an account. */
export function RoleTags({ roles, regions, departments }: Props) {
  const { t, lang } = useI18n();
  return (
    <Flex gap={4} wrap>
      {roles.map((r, i) => {
        const where = r.departmentId
          ? (departments.get(r.departmentId) ?? r.departmentId)
          : r.regionCode
            ? (regions.byCode.get(r.regionCode)?.name ?? r.regionCode)
            : t('全平台', 'Platform');
        return (
          <Tag key={i} color="blue">
            {roleName(r.role, lang)} · {where}
          </Tag>
        );
      })}
    </Flex>
  );
}
