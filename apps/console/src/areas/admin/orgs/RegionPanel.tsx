import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Spin, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { buildRegionTree } from '../shared/regionTree';
import type { Regions } from '../shared/useRegions';
import { RegionFormModal } from './RegionFormModal';

interface Props {
  readonly regions: Regions;
  readonly selected: string | undefined;
  onSelect(code: string | undefined): void;
}

/** The region hierarchy: pick one to filter departments; create, rename, deactivate. */
export function RegionPanel({ regions, selected, onSelect }: Props) {
  const { t, lang } = useI18n();
  const session = useStaffSession();
  const { run, busy } = useAction();
  const [dialog, setDialog] = useState<'create' | 'rename' | null>(null);
  const tree = useMemo(() => buildRegionTree(regions.list), [regions.list]);
  const current = selected ? regions.byCode.get(selected) : undefined;
  const canManage = session.hasRole('platform_admin', 'region_admin');
  const levelName = (level: string) =>
    ({ province: ['省级', 'Province'], city: ['市级', 'City'], county: ['县级', 'County'] })[level]?.[
      lang === 'en' ? 1 : 0
    ] ?? level;

  const setActive = async (active: boolean) => {
    if (!current) return;
    const done = await run(
      () => api.updateRegion({ params: { code: current.code }, body: { active } }),
      active ? t('已启用', 'Reactivated') : t('已停用', 'Deactivated'),
    );
    if (done) regions.reload();
  };

  return (
    <Card
      title={<h2 className="card-h2">{t('行政区划', 'Regions')}</h2>}
      extra={
        canManage && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
            {t('新建行政区划', 'New region')}
          </Button>
        )
      }
    >
      {regions.loading && !regions.list.length ? (
        <Spin />
      ) : tree.length === 0 ? (
        <Empty description={t('尚无行政区划，请先新建', 'No regions yet; create one first')} />
      ) : (
        <nav aria-label={t('行政区划树', 'Region tree')}>
          <Tree
            // Remounted when regions are added, so that new ones show expanded.
            key={regions.list.length}
            treeData={tree}
            defaultExpandAll
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
            titleRender={(node) => (
              <span>
                {node.title}
                {!node.region.active && (
                  <Tag color="default" style={{ marginInlineStart: 4 }}>
                    {t('已停用', 'Inactive')}
                  </Tag>
                )}
              </span>
            )}
          />
        </nav>
      )}
      {current && (
        <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="region-detail">
          <Typography.Text>
            {current.name} · {current.code} · {levelName(current.level)}
          </Typography.Text>
          {canManage && (
            <Flex gap={8} wrap>
              <Button size="small" onClick={() => setDialog('rename')}>
                {t('重命名', 'Rename')}
              </Button>
              <Popconfirm
                title={
                  current.active
                    ? t('停用{name}？', 'Deactivate {name}?', { name: current.name })
                    : t('重新启用{name}？', 'Reactivate {name}?', { name: current.name })
                }
                okText={t('确定', 'OK')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={() => void setActive(!current.active)}
              >
                <Button size="small" danger={current.active} loading={busy}>
                  {current.active ? t('停用', 'Deactivate') : t('启用', 'Reactivate')}
                </Button>
              </Popconfirm>
            </Flex>
          )}
        </Flex>
      )}
      <RegionFormModal
        open={dialog !== null}
        editing={dialog === 'rename' ? current : undefined}
        regions={regions.list}
        defaultParent={dialog === 'create' ? selected : undefined}
        onClose={() => setDialog(null)}
        onSaved={(r) => {
          setDialog(null);
          regions.reload();
          onSelect(r.code);
        }}
      />
    </Card>
  );
}
