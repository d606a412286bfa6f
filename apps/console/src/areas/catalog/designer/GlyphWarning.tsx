import { Alert } from 'antd';
import { useI18n } from '../../../i18n';

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Names the characters of a text that no face font draws (shown next to the field). */
export function GlyphWarning({ missing }: { missing: readonly string[] | undefined }) {
  const { t } = useI18n();
  if (!missing?.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 4 }}
      data-testid="glyph-warning"
      title={t('字库缺少以下字符，无法制证：{chars}', 'No face font has these characters: {chars}', {
        chars: missing.map((ch) => `${ch}（${codePoint(ch)}）`).join('、'),
      })}
    />
  );
}
