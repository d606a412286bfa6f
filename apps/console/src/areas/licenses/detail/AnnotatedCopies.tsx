import { Button, Table, Tag } from 'antd';
import { api, downloadBase64 } from '../../../api';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { AnnotatedCopy, License } from '../model';
import { dateTime } from '../format';

/** The 加注件 made of this version (by the use counter), each downloadable while kept. */
export function AnnotatedCopies({ license }: { license: License }) {
  const { t } = useI18n();
  const copies = useRequest(() => api.listAnnotatedCopies({ params: { id: license.id } }), [license.id]);
  const { run, busy } = useAction();
  const download = (c: AnnotatedCopy) =>
    run(async () => {
      const f = await api.annotatedCopyFile({ params: { id: c.id } });
      downloadBase64((f.pdfBase64 ?? f.ofdBase64) as string, f.fileName, f.contentType);
    });
  return (
    <Table<AnnotatedCopy>
      rowKey="id"
      size="small"
      loading={copies.loading}
      dataSource={copies.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('尚未制作加注件', 'No annotated copy yet') }}
      columns={[
        { title: t('制作事由', 'Cause'), dataIndex: 'cause' },
        { title: t('办理事项', 'Service item'), render: (_, c) => c.itemName ?? c.itemCode ?? '—' },
        { title: t('制作者', 'Producer'), dataIndex: 'producer' },
        { title: t('格式', 'Format'), render: (_, c) => c.format.toUpperCase() },
        { title: t('制作时间', 'Made'), render: (_, c) => dateTime(c.createdAt) },
        {
          title: t('有效期至', 'Valid to'),
          render: (_, c) => (
            <>
              {dateTime(c.expiresAt)} {!c.active && <Tag>{t('已过期', 'Expired')}</Tag>}
            </>
          ),
        },
        {
          title: t('操作', 'Actions'),
          render: (_, c) => (
            <Button
              size="small"
              loading={busy}
              aria-label={t('下载 {time} 制作的加注件', 'Download the copy made {time}', {
                time: dateTime(c.createdAt),
              })}
              onClick={() => void download(c)}
            >
              {t('下载', 'Download')}
            </Button>
          ),
        },
      ]}
    />
  );
}
