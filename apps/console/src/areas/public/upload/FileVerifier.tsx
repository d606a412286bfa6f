import { InboxOutlined } from '@ant-design/icons';
import { Alert, Spin, Upload } from 'antd';
import { useState } from 'react';
import { api, errorMessage, fileToBase64 } from '../../../api';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { Bilingual } from '../report/check-texts';
import { FileReportView } from '../report/FileReportView';
import type { FileReport } from '../report/types';
import { formatBytes, uploadProblem } from './file-check';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'verifying'; readonly name: string }
  | { readonly kind: 'refused'; readonly name: string; readonly problem: Bilingual | string }
  | { readonly kind: 'done'; readonly name: string; readonly report: FileReport };

/** Choose or drop a PDF / OFD file → POST /api/v1/verify through the SDK → the report. */
export function FileVerifier() {
  const { t } = useI18n();
  const limits = useRequest(() => api.verifyLimits(), []);
  const maxBytes = limits.data?.maxBase64FileBytes;
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function verify(file: File) {
    setState({ kind: 'verifying', name: file.name });
    const problem = await uploadProblem(file, maxBytes);
    if (problem) return setState({ kind: 'refused', name: file.name, problem });
    try {
      const report = await api.verifyFile({ body: { fileBase64: await fileToBase64(file) } });
      setState({ kind: 'done', name: file.name, report });
    } catch (e) {
      setState({ kind: 'refused', name: file.name, problem: errorMessage(e) });
    }
  }

  const busy = state.kind === 'verifying';
  return (
    <>
      <Upload.Dragger
        accept=".pdf,.ofd,application/pdf,application/ofd"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void verify(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">
          {t('点击选择证照文件，或将文件拖到此处', 'Click to choose a licence file, or drop it here')}
        </p>
        <p className="ant-upload-hint" style={{ color: '#434343' }} data-testid="upload-limit">
          {maxBytes === undefined
            ? t('支持 PDF、OFD 格式', 'PDF or OFD files')
            : t('支持 PDF、OFD 格式，最大 {size}', 'PDF or OFD files, at most {size}', {
                size: formatBytes(maxBytes),
              })}
        </p>
      </Upload.Dragger>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {state.kind !== 'idle' ? (
          <p>
            {t('文件', 'File')}: <strong>{state.name}</strong>
          </p>
        ) : null}
        {busy ? (
          <Spin description={t('正在核验…', 'Verifying…')}>
            <div style={{ height: 48 }} />
          </Spin>
        ) : null}
      </div>
      {state.kind === 'refused' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('无法核验此文件', 'This file cannot be verified')}
          description={typeof state.problem === 'string' ? state.problem : t(...state.problem)}
        />
      ) : null}
      {state.kind === 'done' ? <FileReportView report={state.report} /> : null}
    </>
  );
}
