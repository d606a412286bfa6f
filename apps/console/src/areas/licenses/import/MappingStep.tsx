import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { ImportJob } from '../model';
import { FORM_ITEM_TYPES } from '../issue/DataItemField';
import { autoMap, LICENSE_FIELDS, mapTargets } from './autoMap';
import { DANGER_TEXT } from './report';
import type { Upload } from './UploadStep';

interface Row {
  key: string;
  label: string;
  required: boolean;
}

/** Step 2: each licence field and data item gets a column (proposed by name); the server validates every row. */
export function MappingStep({
  upload,
  onBack,
  onDone,
}: {
  upload: Upload;
  onBack(): void;
  onDone(job: ImportJob): void;
}) {
  const { t, lang } = useI18n();
  const { run, busy } = useAction();
  const items = upload.type.dataItems.filter((i) => FORM_ITEM_TYPES.has(i.type));
  const headers = upload.columns.headers.filter((h) => h !== '');
  const [mapping, setMapping] = useState<Record<string, string>>(() => autoMap(headers, mapTargets(items)));

  const rows: Row[] = useMemo(
    () => [
      ...LICENSE_FIELDS.map((f) => ({
        key: f.key,
        label: lang === 'en' ? f.names[1] : f.names[0],
        required: f.required,
      })),
      ...items.map((i) => ({
        key: i.code,
        label: lang === 'en' ? i.labelEn : i.labelZh,
        required: i.required,
      })),
    ],
    [items, lang],
  );
  const missing = rows.filter((r) => r.required && !mapping[r.key]);
  const unmapped = headers.filter((h) => !Object.values(mapping).includes(h));

  const validate = async () => {
    const job = await run(() =>
      api.createLicenseImport({
        body: {
          departmentId: upload.departmentId,
          typeCode: upload.type.typeCode,
          fileName: upload.file.name,
          fileBase64: upload.fileBase64,
          mapping,
        },
      }),
    );
    if (job) onDone(job);
  };

  return (
    <>
      <Typography.Paragraph>
        {t('文件 {f}：{n} 行数据，{c} 列。', 'File {f}: {n} data rows, {c} columns.', {
          f: upload.file.name,
          n: upload.columns.rowCount,
          c: headers.length,
        })}
      </Typography.Paragraph>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        style={{ maxWidth: 760, marginBottom: 16 }}
        columns={[
          {
            title: t('证照字段 / 数据项', 'Licence field / data item'),
            render: (_, r) => (
              <Space>
                {r.label}
                {r.required && <Tag color="red">{t('必填', 'Required')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('文件中的列', 'Column in the file'),
            render: (_, r) => (
              <Select
                aria-label={t('“{label}”对应的列', 'Column for “{label}”', { label: r.label })}
                allowClear
                style={{ width: 260 }}
                value={mapping[r.key]}
                placeholder={t('不导入', 'Not imported')}
                onChange={(header?: string) =>
                  setMapping((m) => {
                    const next = { ...m };
                    if (header) next[r.key] = header;
                    else delete next[r.key];
                    return next;
                  })
                }
                options={headers.map((h) => ({ value: h, label: h }))}
              />
            ),
          },
        ]}
      />
      {unmapped.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16, maxWidth: 760 }}
          title={t('以下列不会导入：{cols}', 'These columns are not imported: {cols}', {
            cols: unmapped.join('、'),
          })}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('文件前几行', 'First rows of the file')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 16 }}
        rowKey={(_, i) => String(i)}
        dataSource={upload.columns.sample.map((cells) =>
          Object.fromEntries(cells.map((c, i) => [String(i), c])),
        )}
        columns={upload.columns.headers.map((h, i) => ({ title: h, dataIndex: String(i) }))}
      />
      <Space>
        <Button onClick={onBack}>{t('上一步', 'Back')}</Button>
        <Button type="primary" disabled={missing.length > 0} loading={busy} onClick={() => void validate()}>
          {t('下一步：校验', 'Next: validate')}
        </Button>
        {missing.length > 0 && (
          <Typography.Text style={{ color: DANGER_TEXT }}>
            {t('尚未映射：{f}', 'Not mapped yet: {f}', { f: missing.map((m) => m.label).join('、') })}
          </Typography.Text>
        )}
      </Space>
    </>
  );
}
