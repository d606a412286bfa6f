import { List } from 'antd';
import { useI18n } from '../../../i18n';
import type { Bilingual } from './check-texts';
import type { FileReport, Verdict } from './types';

type Signature = FileReport['signatures'][number];

const VERDICT_TEXT: Record<Verdict, Bilingual> = {
  VALID: ['有效', 'valid'],
  INVALID: ['无效', 'not valid'],
  INDETERMINATE: ['无法确定', 'undecided'],
};

/** Who signed the file, with which seal and when. */
export function SignatureList({ signatures }: { signatures: readonly Signature[] }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      bordered
      dataSource={[...signatures]}
      renderItem={(s) => (
        <List.Item key={s.index} style={{ display: 'block', overflowWrap: 'anywhere' }}>
          <strong>
            {t('签名 {n}', 'Signature {n}', { n: s.index })} · {t(...VERDICT_TEXT[s.verdict])}
          </strong>
          {s.seal?.name ? (
            <div>
              {t('印章', 'Seal')}: {s.seal.name}（{s.seal.code}）
            </div>
          ) : null}
          {s.signer ? (
            <div>
              {t('签名者', 'Signer')}: {s.signer.subject}
            </div>
          ) : null}
          {s.timestampTime || s.signingTime ? (
            <div>
              {t('签名时间', 'Signed at')}: {s.timestampTime ?? s.signingTime}
              {s.timestampTime ? ` (${t('可信时间戳', 'trusted time-stamp')})` : ''}
            </div>
          ) : null}
          {s.pages.length > 0 ? (
            <div>
              {t('页码', 'Pages')}: {s.pages.join(', ')}
            </div>
          ) : null}
        </List.Item>
      )}
    />
  );
}
