import { REVOCATION_SEAL_POSITION } from '@zhengyin/documents';
import { parseCertificate } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import { ensurePlatformKey } from '../pki/ensure-platform-key.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { PdfSealer, SealCertificateRenderer, SealImageMaker } from './ports.js';
import { loadSeal, sealTarget } from './seal-access.js';
import { BUSINESS_PURPOSE_NAMES, SEAL_TYPE_NAMES } from './types.js';

export const PLATFORM_NAME = '证印电子印章管理平台';

type Deps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'> & {
  readonly images: SealImageMaker;
  readonly pdf: PdfSealer;
  readonly renderer: SealCertificateRenderer;
};

/**
 * 《电子印章注销证书》 of a revoked seal: rendered once, signed with the platform's seal-maker key and
 * stored; later calls return the stored PDF.
 */
export async function issueRevocationCertificate(deps: Deps, sealId: string): Promise<Uint8Array> {
  const { seal, existing, revocation } = await deps.uow.run(async (r) => {
    const seal = await loadSeal(r, sealId);
    const history = await r.seals.statusEvents(seal.id);
    return {
      seal,
      existing: await r.sealRevocations.get(seal.id),
      revocation: history.findLast((e) => e.status === 'revoked'),
    };
  });
  if (existing) return existing.pdf;
  if (!revocation)
    throw new AppError('SEALS_INVALID_TRANSITION', 'the seal has not been revoked', { status: seal.status });
  const pdf = await deps.renderer.revocation({
    sealName: seal.name,
    sealCode: seal.code,
    sealType: seal.purpose ? BUSINESS_PURPOSE_NAMES[seal.purpose] : SEAL_TYPE_NAMES[seal.type],
    ownerName: seal.owner.name,
    ownerCode: seal.owner.code,
    certificateSerial: seal.certificate ? parseCertificate(seal.certificate).serialHex : null,
    reason: revocation.reason ?? '—',
    revokedAt: revocation.at,
    issuer: PLATFORM_NAME,
  });
  const maker = await ensurePlatformKey(deps, 'seal-maker');
  const image = await deps.images.generate({
    shape: 'round',
    text: PLATFORM_NAME,
    bottomText: '电子印章专用',
  });
  const cas = await deps.uow.run((r) => r.certificateAuthorities.list());
  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  const now = deps.clock.now();
  const signed = await deps.pdf.seal({
    pdf,
    signerCertificate: maker.certificate,
    chain: cas.filter((ca) => ca.active).map((ca) => ca.certificate),
    sign: (data) => deps.keys.sign({ keyRef: maker.keyRef, data }, by),
    appearance: { png: image.png, widthMm: image.widthMm, heightMm: image.heightMm },
    placement: { kind: 'coordinates', ...REVOCATION_SEAL_POSITION },
    signingTime: now,
    reason: '电子印章注销证书',
    name: PLATFORM_NAME,
  });
  await deps.uow.run(async (r) => {
    if (await r.sealRevocations.get(seal.id)) return;
    await r.sealRevocations.insert(seal.id, signed.pdf, now);
    await r.audit.append(
      auditEntry(SYSTEM_ACTOR, by.meta, now, 'seals.revocation_certificate_issued', sealTarget(seal), {
        bytes: signed.pdf.length,
      }),
    );
  });
  return (await deps.uow.run((r) => r.sealRevocations.get(seal.id)))!.pdf;
}
