import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { Objection } from './types';
import { slaState, type CalendarOverrides } from './workingDays';

/**
 * The SLA of an objection in working days: 标注 within 1 (while submitted), 办结 within 5 (while
 * acknowledged); for closed ones whether the deadline was met.
 */
export function SlaTag({ objection: o, calendar }: { objection: Objection; calendar: CalendarOverrides }) {
  const { t } = useI18n();
  if (o.status === 'rejected' || o.status === 'corrected')
    return o.resolveOverdue ? (
      <Tag color="#ad4e00">{t('超期办结', 'Resolved late')}</Tag>
    ) : (
      <Tag color="#237804">{t('按时办结', 'Resolved on time')}</Tag>
    );
  const acknowledging = o.status === 'submitted';
  const due = acknowledging ? o.acknowledgeDueAt : o.resolveDueAt;
  const what = acknowledging ? t('标注', 'Acknowledge') : t('办结', 'Resolve');
  const state = slaState(due, new Date(), calendar, o.overdue);
  if (state.kind === 'overdue')
    return (
      <Tag color="red" data-testid="sla-overdue">
        {state.workingDays > 0
          ? t('{what}已超期 {n} 个工作日', '{what} overdue by {n} working days', {
              what,
              n: state.workingDays,
            })
          : t('{what}已超期', '{what} overdue', { what })}
      </Tag>
    );
  if (state.kind === 'today')
    return <Tag color="#ad4e00">{t('{what}今日到期', '{what} due today', { what })}</Tag>;
  return (
    <Tag color="blue">
      {t('{what}剩 {n} 个工作日', '{what}: {n} working days left', { what, n: state.workingDays })}
    </Tag>
  );
}
