import { createCertificate, parseCertificate, parsePublicKeyInfo } from '@zhengyin/gm';
import type { DistinguishedName, ExtensionsInput, NameInput } from '@zhengyin/gm';
import { AppError } from '../shared/app-error.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';

export interface IssueCertificateInput {
  readonly subject: NameInput | DistinguishedName;
  /** SubjectPublicKeyInfo DER of the key to certify. */
  readonly publicKey: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: ExtensionsInput;
}

/**
 * Issues a certificate from the platform's active CA (the development CA unless a real one is
 * configured), signing with the CA key in the vault. The validity is cut to the CA's own.
 */
export async function issueCertificate(
  deps: Pick<CoreDeps, 'uow' | 'ids' | 'keys'>,
  by: { actor: Actor; meta: RequestMeta },
  input: IssueCertificateInput,
): Promise<Uint8Array> {
  const cas = await deps.uow.run((r) => r.certificateAuthorities.list());
  // SM2 keys are certified by an SM2 CA; ECDSA and RSA keys by a CA that international verifiers know.
  const wantSm2 = parsePublicKeyInfo(input.publicKey).algorithm === 'SM2';
  const candidates = cas
    .filter((c) => c.active && c.keyRef)
    .map((c) => ({ ca: c, cert: parseCertificate(c.certificate) }))
    .filter(({ cert }) => (cert.publicKey.algorithm === 'SM2') === wantSm2);
  const chosen = candidates[0];
  if (!chosen)
    throw new AppError(
      'INTERNAL_ERROR',
      `no ${wantSm2 ? 'SM2' : 'ECDSA/RSA'} certificate authority is configured`,
    );
  const { ca, cert: issuer } = chosen;
  const notAfter = input.notAfter < issuer.notAfter ? input.notAfter : issuer.notAfter;
  const certificate = await createCertificate({
    subject: input.subject,
    publicKey: input.publicKey,
    serialNumber: `1${bytesToHex(deps.ids.randomBytes(15))}`,
    notBefore: input.notBefore,
    notAfter,
    issuer,
    sign: (data) => deps.keys.sign({ keyRef: ca.keyRef!, data }, by),
    extensions: input.extensions,
  });
  return certificate.der;
}
