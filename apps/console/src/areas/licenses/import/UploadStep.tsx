import { InboxOutlined } from '@ant-design/icons';
import { Button, Form, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, fileToBase64 } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { DepartmentName } from '../DepartmentName';
import type { ImportColumns, LicenseType } from '../model';

export interface Upload {
  readonly departmentId: string;
  readonly type: LicenseType;
  readonly file: File;
  readonly fileBase64: string;
  readonly columns: ImportColumns;
}

/** Step 1: the licence type and the CSV / XLSX file; the server reads its columns back. */
export function UploadStep({
  departments,
  types,
  onDone,
}: {
  departments: readonly string[];
  types: readonly LicenseType[];
  onDone(upload: Upload): void;
}) {
  const { t } = useI18n();
  const [departmentId, setDepartmentId] = useState(departments[0] ?? '');
  const [typeCode, setTypeCode] = useState<string>();
  const [file, setFile] = useState<File | null>(null);
  const { run, busy } = useAction();
  const issuable = types.filter((ty) => ty.issuerDepartmentIds.includes(departmentId));
  const type = issuable.find((ty) => ty.typeCode === typeCode);

  const next = async () => {
    if (!type || !file) return;
    const result = await run(async () => {
      const fileBase64 = await fileToBase64(file);
      const columns = await api.licenseImportColumns({ body: { departmentId, fileBase64 } });
      return { departmentId, type, file, fileBase64, columns };
    });
    if (result) onDone(result);
  };

  return (
    <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={() => void next()}>
      {departments.length > 1 && (
        <Form.Item label={t('签发部门', 'Issuing department')} htmlFor="import-department">
          <Select
            id="import-department"
            value={departmentId}
            onChange={setDepartmentId}
            options={departments.map((d) => ({ value: d, label: <DepartmentName id={d} /> }))}
          />
        </Form.Item>
      )}
      <Form.Item label={t('证照类型', 'Licence type')} htmlFor="import-type" required>
        <Select
          id="import-type"
          showSearch={{ optionFilterProp: 'label' }}
          value={typeCode}
          onChange={setTypeCode}
          options={issuable.map((ty) => ({ value: ty.typeCode, label: ty.name }))}
        />
      </Form.Item>
      <Form.Item label={t('存量证照文件（.xlsx 或 .csv）', 'Existing licences (.xlsx or .csv)')} required>
        <Upload.Dragger
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('点击或拖入文件', 'Click or drop a file here')}</p>
          <Typography.Text>
            {t(
              '第一行为表头；公式、旧版 .xls 与加密文件不予接受。',
              'The first row holds the headers; formulas, old .xls and encrypted files are refused.',
            )}
          </Typography.Text>
        </Upload.Dragger>
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={!type || !file} loading={busy}>
        {t('下一步：字段映射', 'Next: map the columns')}
      </Button>
    </Form>
  );
}
