import { createCertificate } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import type { KeyVault } from '../keys/ports.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { CertificateAuthority } from './ports.js';

export const DEVELOPMENT_CA_NAME = '证印开发用根CA（仅供开发测试）zhengyin DEVELOPMENT ONLY CA';
const VALIDITY_YEARS = 10;

/**
 * On a platform without any certificate authority, creates the built-in development CA: an SM2
 * root whose key lives in the key vault, clearly named and flagged as development-only. Returns the
 * existing or new CA and whether it was created now.
 */
export async function ensureDevelopmentCa(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'> & { keys: KeyVault },
): Promise<{ ca: CertificateAuthority; created: boolean }> {
  const existing = await deps.uow.run((r) => r.certificateAuthorities.list());
  const current = existing.find((ca) => ca.developmentOnly && ca.active) ?? existing.find((ca) => ca.active);
  if (current) return { ca: current, created: false };

  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  const key = await deps.keys.generate({ alg: 'sm2', label: DEVELOPMENT_CA_NAME }, by);
  const now = deps.clock.now();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certificate = await createCertificate({
    subject: [
      { type: 'C', value: 'CN' },
      { type: 'O', value: '证印 zhengyin (development only)' },
      { type: 'OU', value: '仅供开发测试 NOT FOR PRODUCTION' },
      { type: 'CN', value: DEVELOPMENT_CA_NAME },
    ],
    publicKey: key.publicKey,
    serialNumber: bytesToHex(deps.ids.randomBytes(16)).replace(/^0/, '1'),
    notBefore: now,
    notAfter,
    sign: (data) => deps.keys.sign({ keyRef: key.keyRef, data }, by),
    extensions: { basicConstraints: { ca: true, critical: true }, keyUsage: ['keyCertSign', 'cRLSign'] },
  });
  const ca: CertificateAuthority = {
    id: deps.ids.uuid(),
    name: DEVELOPMENT_CA_NAME,
    certificate: certificate.der,
    keyRef: key.keyRef,
    developmentOnly: true,
    active: true,
    createdAt: now,
  };
  await deps.uow.run(async (r) => {
    await r.certificateAuthorities.insert(ca);
    await r.audit.append(
      auditEntry(
        SYSTEM_ACTOR,
        by.meta,
        now,
        'pki.ca.created',
        { type: 'certificate_authority', id: ca.id },
        {
          name: ca.name,
          developmentOnly: true,
          keyRef: key.keyRef,
          sha256: certificate.fingerprintSha256,
        },
      ),
    );
  });
  return { ca, created: true };
}
