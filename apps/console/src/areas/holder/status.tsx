import { Tag } from 'antd';
import { useI18n } from '../../i18n';

type Tone = 'good' | 'bad' | 'warn' | 'info' | 'plain';
type Words = readonly [zh: string, en: string, tone: Tone];

/** Dark text on light tints: at least 4.5:1 (antd's preset tag colours are lighter). */
const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  good: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  bad: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  warn: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  plain: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

function StatusTag({ words }: { words: Words }) {
  const { t } = useI18n();
  return <Tag style={TONES[words[2]]}>{t(words[0], words[1])}</Tag>;
}

/** Licence status in plain words a holder understands. */
const LICENSE_STATUS: Record<string, Words> = {
  made: ['待签发', 'Not yet issued', 'plain'],
  valid: ['有效', 'Valid', 'good'],
  suspended: ['暂扣（暂不能使用）', 'Suspended (cannot be used now)', 'warn'],
  lost: ['已挂失', 'Reported lost', 'warn'],
  pledged: ['质押中', 'Pledged', 'info'],
  expired: ['已过期', 'Expired', 'bad'],
  cancelled: ['已注销', 'Cancelled', 'bad'],
  revoked: ['已吊销', 'Revoked', 'bad'],
  superseded: ['已更新（旧版本）', 'Replaced by a newer version', 'plain'],
};

export function LicenseStatusTag({ status }: { status: string }) {
  return <StatusTag words={LICENSE_STATUS[status] ?? [status, status, 'plain']} />;
}

const OBJECTION_STATUS: Record<string, Words> = {
  submitted: ['已提交，等待处理', 'Submitted, waiting', 'info'],
  acknowledged: ['已受理，正在核实', 'Acknowledged, being checked', 'warn'],
  rejected: ['未予更正', 'Rejected', 'bad'],
  corrected: ['已更正', 'Corrected', 'good'],
};

export function ObjectionStatusTag({ status }: { status: string }) {
  return <StatusTag words={OBJECTION_STATUS[status] ?? [status, status, 'plain']} />;
}

const REMINDER_STATUS: Record<string, Words> = {
  pending: ['待发送', 'Pending', 'info'],
  sent: ['已发送', 'Sent', 'good'],
  failed: ['发送失败', 'Failed', 'bad'],
};

export function ReminderStatusTag({ status }: { status: string }) {
  return <StatusTag words={REMINDER_STATUS[status] ?? [status, status, 'plain']} />;
}
