import { auditEntry } from '../audit/entry.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { issueCertificate } from './issue-certificate.js';
import type { KeyAlgorithm } from '../keys/ports.js';
import type { PlatformKey, PlatformKeyPurpose } from './ports.js';

const SUBJECTS: Record<PlatformKeyPurpose, string> = {
  'seal-maker': '证印电子印章制作系统 zhengyin seal maker',
  tsa: '证印时间戳服务 zhengyin TSA',
  annotation: '证印加注件签发 zhengyin annotation',
  'annotation-ecdsa': '证印加注件签发 ECDSA zhengyin annotation',
};

/** Key algorithm per purpose: SM2 unless the purpose says otherwise. */
const ALGORITHMS: Partial<Record<PlatformKeyPurpose, KeyAlgorithm>> = { 'annotation-ecdsa': 'ecdsa-p256' };

const VALIDITY_YEARS = 5;

/**
 * The platform's own signing key for a purpose (SM2, or ECDSA P-256 for `annotation-ecdsa`, in the
 * vault) with a certificate from the active CA of its algorithm, created on first use.
 */
export async function ensurePlatformKey(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  purpose: PlatformKeyPurpose,
): Promise<PlatformKey> {
  const existing = await deps.uow.run((r) => r.platformKeys.get(purpose));
  if (existing) return existing;
  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  const key = await deps.keys.generate({ alg: ALGORITHMS[purpose] ?? 'sm2', label: SUBJECTS[purpose] }, by);
  const now = deps.clock.now();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certificate = await issueCertificate(deps, by, {
    subject: [
      { type: 'C', value: 'CN' },
      { type: 'O', value: '证印 zhengyin' },
      { type: 'CN', value: SUBJECTS[purpose] },
    ],
    publicKey: key.publicKey,
    notBefore: now,
    notAfter,
    extensions: {
      basicConstraints: { ca: false },
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      ...(purpose === 'tsa' ? { extendedKeyUsage: { purposes: ['timeStamping'], critical: true } } : {}),
    },
  });
  const platformKey: PlatformKey = { purpose, keyRef: key.keyRef, certificate, createdAt: now };
  await deps.uow.run(async (r) => {
    await r.platformKeys.insert(platformKey);
    await r.audit.append(
      auditEntry(
        SYSTEM_ACTOR,
        by.meta,
        now,
        'pki.platform_key.created',
        { type: 'platform_key', id: purpose },
        {
          keyRef: key.keyRef,
        },
      ),
    );
  });
  return platformKey;
}
