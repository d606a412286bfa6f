import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Input, Progress, Result, Row, Space, Statistic } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api';
import { useAction, useErrorReporter } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { ImportJob } from '../model';
import { downloadRejectionReport, duration } from './report';

const POLL_MS = 1000;

/** Step 4: live progress (rate, ETA) polled from the server until the job has finished. */
export function ProgressStep({ initial }: { initial: ImportJob }) {
  const { t, lang } = useI18n();
  const report = useErrorReporter();
  const [job, setJob] = useState(initial);
  const [pin, setPin] = useState('');
  const resume = useAction();
  const download = useAction();

  useEffect(() => {
    if (job.status === 'finished') return;
    const timer = setTimeout(() => {
      api.getLicenseImport({ params: { id: job.id } }).then(setJob, report);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, report]);

  const percent =
    job.status === 'finished' ? 100 : job.valid === 0 ? 0 : Math.floor((job.done / job.valid) * 100);
  const finished = job.status === 'finished';

  return (
    <>
      <Progress
        percent={percent}
        status={finished ? (job.failed ? 'exception' : 'success') : 'active'}
        aria-label={t('导入进度', 'Import progress')}
        style={{ maxWidth: 640 }}
      />
      <Row gutter={16} style={{ margin: '16px 0', maxWidth: 900 }}>
        <Col xs={12} md={5}>
          <Statistic title={t('已签发', 'Issued')} value={job.issued} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('签发失败', 'Failed')} value={job.failed} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('待处理', 'Left')} value={Math.max(0, job.valid - job.done)} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic
            title={t('速率（条/秒）', 'Rate (rows/s)')}
            value={job.rate === null ? '—' : job.rate.toFixed(1)}
          />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t('预计剩余', 'Time left')}
            value={
              finished ? duration(0, lang) : job.etaSeconds === null ? '—' : duration(job.etaSeconds, lang)
            }
          />
        </Col>
      </Row>
      {job.interrupted && !finished && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16, maxWidth: 640 }}
          title={t(
            '导入已中断（服务重启或印章 PIN 错误）',
            'The import stopped (server restart or wrong seal PIN)',
          )}
          description={
            <Space wrap>
              <Input.Password
                aria-label={t('印章 PIN 码', 'Seal PIN')}
                value={pin}
                onChange={(e) => setPin(e.target.value)}
                autoComplete="off"
                style={{ width: 200 }}
              />
              <Button
                type="primary"
                disabled={!pin}
                loading={resume.busy}
                onClick={() =>
                  void resume
                    .run(() => api.runLicenseImport({ params: { id: job.id }, body: { sealPin: pin } }))
                    .then((j) => j && setJob(j))
                }
              >
                {t('继续导入', 'Resume')}
              </Button>
            </Space>
          }
        />
      )}
      {finished && (
        <Result
          status={job.failed ? 'warning' : 'success'}
          title={t('导入完成：签发 {i} 条', 'Import finished: {i} issued', { i: job.issued })}
          subTitle={t('被拒绝 {r} 条，签发失败 {f} 条。', '{r} rows rejected, {f} failed to issue.', {
            r: job.rejectedCount,
            f: job.failed,
          })}
          extra={
            <Space wrap>
              {job.rejectedCount > 0 &&
                (['csv', 'xlsx'] as const).map((f) => (
                  <Button
                    key={f}
                    icon={<DownloadOutlined />}
                    loading={download.busy}
                    onClick={() => void download.run(() => downloadRejectionReport(job.id, f))}
                  >
                    {t('下载拒绝报告（{f}）', 'Download the rejection report ({f})', { f: f.toUpperCase() })}
                  </Button>
                ))}
              <Link to={`/console/licenses?typeCode=${job.typeCode}`}>
                {t('查看证照', 'Show the licences')}
              </Link>
            </Space>
          }
        />
      )}
    </>
  );
}
