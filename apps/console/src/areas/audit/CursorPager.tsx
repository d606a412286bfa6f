import { Button, Flex, Select, Typography } from 'antd';
import { useI18n } from '../../i18n';

interface Props {
  readonly pageNumber: number;
  readonly nextCursor: number | null | undefined;
  readonly limit: number;
  readonly busy: boolean;
  onPrevious(): void;
  onNext(cursor: number): void;
  onLimit(limit: number): void;
}

export function CursorPager({ pageNumber, nextCursor, limit, busy, onPrevious, onNext, onLimit }: Props) {
  const { t } = useI18n();
  return (
    <Flex gap={8} align="center" justify="end" wrap style={{ marginTop: 16 }}>
      <Typography.Text>{t('第 {n} 页', 'Page {n}', { n: pageNumber })}</Typography.Text>
      <Button onClick={onPrevious} disabled={pageNumber === 1 || busy}>
        {t('上一页', 'Previous')}
      </Button>
      <Button onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor || busy}>
        {t('下一页', 'Next')}
      </Button>
      <Select<number>
        aria-label={t('每页条数', 'Rows per page')}
        value={limit}
        onChange={onLimit}
        options={[20, 50, 100, 200].map((n) => ({ value: n, label: t('{n} 条/页', '{n} / page', { n }) }))}
        style={{ width: 120 }}
      />
    </Flex>
  );
}
