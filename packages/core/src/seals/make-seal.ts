import { createCsr, createSeal, encodePem, parseCertificate, parsePublicKeyInfo, sm3Hex } from '@zhengyin/gm';
import { auditEntry } from '../audit/entry.js';
import { ensurePlatformKey } from '../pki/ensure-platform-key.js';
import { issueCertificate } from '../pki/issue-certificate.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { nextSealStatus } from './lifecycle.js';
import { loadSeal, saveSeal, sealTarget } from './seal-access.js';
import type { Seal } from './types.js';
import { sesTypeCode } from './types.js';

export const DEFAULT_SEAL_VALIDITY_DAYS = 3 * 365;

type Deps = Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>;

function requireKeeper(actor: Actor, seal: Seal): void {
  if (!(actor.kind === 'user' && actor.id === seal.keeperId)) {
    throw new AppError('AUTH_FORBIDDEN', 'only the seal keeper makes the seal and sets its PIN', {
      regionCode: seal.regionCode,
    });
  }
}

function sealSubject(seal: Seal) {
  return [
    { type: 'C', value: 'CN' },
    { type: 'O', value: seal.owner.name },
    { type: 'serialNumber', value: seal.code },
    { type: 'CN', value: seal.name },
  ];
}

/** Builds the GB/T 38540 SESeal for a certificate, signed by the platform's seal-maker key. */
export async function buildSesSeal(deps: Deps, seal: Seal, certificate: Uint8Array): Promise<Uint8Array> {
  if (!seal.image) throw new AppError('SEALS_IMAGE_INVALID', 'the seal has no image');
  const maker = await ensurePlatformKey(deps, 'seal-maker');
  const cert = parseCertificate(certificate);
  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  const ses = await createSeal({
    esId: seal.code,
    type: sesTypeCode(seal.type, seal.purpose),
    name: seal.name,
    signerCertificates: [certificate],
    validStart: cert.notBefore,
    validEnd: cert.notAfter,
    createDate: deps.clock.now(),
    picture: {
      type: 'png',
      data: seal.image.png,
      width: Math.max(1, Math.round(seal.image.widthMm)),
      height: Math.max(1, Math.round(seal.image.heightMm)),
    },
    makerCertificate: maker.certificate,
    sign: (data) => deps.keys.sign({ keyRef: maker.keyRef, data }, by),
  });
  return ses.der;
}

/** Stores certificate + SESeal as the seal's next version and moves it to `made` (备案 pending). */
async function completeMaking(
  deps: Deps,
  { actor, meta }: Pick<Call<unknown>, 'actor' | 'meta'>,
  sealId: string,
  keyRef: string,
  certificate: Uint8Array,
): Promise<Seal> {
  const before = await deps.uow.run((r) => loadSeal(r, sealId));
  const sesSeal = await buildSesSeal(deps, before, certificate);
  const cert = parseCertificate(certificate);
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, sealId, true);
    const now = deps.clock.now();
    const next = await saveNewVersion(
      r,
      { ...seal, keyRef },
      nextSealStatus(seal.status, 'make'),
      certificate,
      sesSeal,
      now,
    );
    await r.seals.upsertFiling({
      sealId: seal.id,
      madeAt: now,
      filedAt: null,
      filingNumber: null,
      authority: null,
      filedBy: null,
    });
    await recordStatus(r, next, 'make', null, actor, now);
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.made', sealTarget(next), {
        keyRef,
        certificateSerial: cert.serialHex,
        certificateIssuer: cert.issuer.text,
        validFrom: cert.notBefore.toISOString(),
        validTo: cert.notAfter.toISOString(),
        sesSealSm3: sm3Hex(sesSeal),
      }),
    );
    return next;
  });
}

/** Stores a new certificate + SESeal generation of the seal (making, renewal) with its history row. */
export async function saveNewVersion(
  r: Repositories,
  seal: Seal,
  status: Seal['status'],
  certificate: Uint8Array,
  sesSeal: Uint8Array,
  now: Date,
): Promise<Seal> {
  const cert = parseCertificate(certificate);
  const next: Seal = {
    ...seal,
    status,
    certificate,
    sesSeal,
    sealVersion: seal.sealVersion + 1,
    validFrom: cert.notBefore,
    validTo: cert.notAfter,
    updatedAt: now,
    version: seal.version + 1,
  };
  await saveSeal(r, next, seal);
  await r.seals.addVersion({
    sealId: seal.id,
    version: next.sealVersion,
    certificate,
    sesSeal,
    validFrom: cert.notBefore,
    validTo: cert.notAfter,
    createdAt: now,
  });
  return next;
}

export async function recordStatus(
  r: Repositories,
  seal: Seal,
  action: string,
  reason: string | null,
  actor: Actor,
  at: Date,
): Promise<void> {
  await r.seals.addStatusEvent({
    sealId: seal.id,
    status: seal.status,
    action,
    reason,
    actorId: actor.kind === 'anonymous' ? null : actor.id,
    at,
  });
}

export interface MakeSealInput {
  readonly id: string;
  /** PIN protecting the seal key, chosen by the keeper (6–64 characters). */
  readonly pin: string;
  readonly validityDays?: number;
}

/**
 * 制作: the keeper generates the seal key in the vault under a PIN, the platform CA certifies it,
 * and the platform's seal maker signs the GB/T 38540 SESeal. 备案 is then due within 24 hours.
 */
export async function makeSeal(deps: Deps, { actor, meta, input }: Call<MakeSealInput>): Promise<Seal> {
  const seal = await deps.uow.run((r) => loadSeal(r, input.id));
  requireKeeper(actor, seal);
  nextSealStatus(seal.status, 'make');
  const by = { actor, meta };
  const key = await deps.keys.generate(
    { alg: seal.algorithm, label: `seal ${seal.code} ${seal.name}`, pin: input.pin },
    by,
  );
  try {
    const now = deps.clock.now();
    const certificate = await issueCertificate(deps, by, {
      subject: sealSubject(seal),
      publicKey: key.publicKey,
      notBefore: now,
      notAfter: new Date(now.getTime() + (input.validityDays ?? DEFAULT_SEAL_VALIDITY_DAYS) * 86_400_000),
      extensions: { basicConstraints: { ca: false }, keyUsage: ['digitalSignature', 'nonRepudiation'] },
    });
    return await completeMaking(deps, { actor, meta }, seal.id, key.keyRef, certificate);
  } catch (error) {
    await deps.keys.destroy(key.keyRef, by).catch(() => undefined);
    throw error;
  }
}

/**
 * For a real CA: the keeper generates the key and receives a CSR (PKCS#10, signed by the seal key
 * with the PIN); the seal stays `approved` until `importSealCertificate`.
 */
export async function requestSealCsr(
  deps: Deps,
  { actor, meta, input }: Call<{ id: string; pin: string }>,
): Promise<string> {
  const seal = await deps.uow.run((r) => loadSeal(r, input.id));
  requireKeeper(actor, seal);
  nextSealStatus(seal.status, 'make');
  const by = { actor, meta };
  const key =
    seal.keyRef !== null
      ? { keyRef: seal.keyRef, publicKey: await deps.keys.publicKey(seal.keyRef) }
      : await deps.keys.generate(
          { alg: seal.algorithm, label: `seal ${seal.code} ${seal.name}`, pin: input.pin },
          by,
        );
  if (seal.keyRef === null) {
    await deps.uow.run(async (r) => {
      const current = await loadSeal(r, seal.id, true);
      await saveSeal(
        r,
        { ...current, keyRef: key.keyRef, version: current.version + 1, updatedAt: deps.clock.now() },
        current,
      );
    });
  }
  const csr = await createCsr({
    subject: sealSubject(seal),
    publicKey: key.publicKey,
    sign: (data) => deps.keys.sign({ keyRef: key.keyRef, data, pin: input.pin }, by),
  });
  return encodePem('CERTIFICATE REQUEST', csr.der);
}

/** Completes making with a certificate issued by a real CA for the key of `requestSealCsr`. */
export async function importSealCertificate(
  deps: Deps,
  { actor, meta, input }: Call<{ id: string; certificate: Uint8Array }>,
): Promise<Seal> {
  const seal = await deps.uow.run((r) => loadSeal(r, input.id));
  requireKeeper(actor, seal);
  if (!seal.keyRef) throw new AppError('SEALS_CERTIFICATE_INVALID', 'request a CSR first');
  let cert;
  try {
    cert = parseCertificate(input.certificate);
  } catch (e) {
    throw new AppError('SEALS_CERTIFICATE_INVALID', (e as Error).message);
  }
  const publicKey = await deps.keys.publicKey(seal.keyRef);
  if (bytesToHex(parsePublicKeyInfo(publicKey).spki) !== bytesToHex(cert.publicKey.spki)) {
    throw new AppError('SEALS_CERTIFICATE_INVALID', 'the certificate is not for the seal key');
  }
  return completeMaking(deps, { actor, meta }, seal.id, seal.keyRef, cert.der);
}
