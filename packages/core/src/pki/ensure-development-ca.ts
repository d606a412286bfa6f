import { createCertificate } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import type { KeyVault } from '../keys/ports.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { CertificateAuthority } from './ports.js';

export const DEVELOPMENT_CA_NAMES = {
  sm2: '证印开发用根CA（仅供开发测试）zhengyin DEVELOPMENT ONLY CA SM2',
  'ecdsa-p256': '证印开发用根CA（仅供开发测试）zhengyin DEVELOPMENT ONLY CA ECDSA',
} as const;
const VALIDITY_YEARS = 10;

type Deps = Pick<CoreDeps, 'uow' | 'clock' | 'ids'> & { keys: KeyVault };

/**
 * On a platform without certificate authorities, creates the built-in development CAs, clearly named
 * and flagged development-only, keys in the vault: an SM2 root for SM2 keys and an ECDSA P-256 root
 * for ECDSA / RSA keys (so that international verifiers such as pdfsig can check those chains).
 */
export async function ensureDevelopmentCa(
  deps: Deps,
): Promise<{ cas: CertificateAuthority[]; created: boolean }> {
  const existing = (await deps.uow.run((r) => r.certificateAuthorities.list())).filter((ca) => ca.active);
  if (existing.length > 0) return { cas: existing, created: false };
  const cas = [await createDevelopmentRoot(deps, 'sm2'), await createDevelopmentRoot(deps, 'ecdsa-p256')];
  return { cas, created: true };
}

async function createDevelopmentRoot(deps: Deps, alg: 'sm2' | 'ecdsa-p256'): Promise<CertificateAuthority> {
  const name = DEVELOPMENT_CA_NAMES[alg];
  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  const key = await deps.keys.generate({ alg, label: name }, by);
  const now = deps.clock.now();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certificate = await createCertificate({
    subject: [
      { type: 'C', value: 'CN' },
      { type: 'O', value: '证印 zhengyin (development only)' },
      { type: 'OU', value: '仅供开发测试 NOT FOR PRODUCTION' },
      { type: 'CN', value: name },
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
    name,
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
  return ca;
}
