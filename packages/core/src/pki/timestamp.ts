import { createTimestampRequest, createTimestampResponse, parseCertificate } from '@zhengyin/gm';
import type { TimestampRequest, TimestampResponse } from '@zhengyin/gm';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { ensurePlatformKey } from './ensure-platform-key.js';

/** Policy of the built-in TSA (the example policy of OpenSSL's TSA configuration). */
export const TSA_POLICY = '1.2.3.4.1';

/** The built-in RFC 3161 time-stamping authority: answers a TimeStampReq. */
export async function issueTimestamp(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  request: Uint8Array | TimestampRequest,
): Promise<TimestampResponse> {
  const tsa = await ensurePlatformKey(deps, 'tsa');
  const by = { actor: SYSTEM_ACTOR, meta: { requestId: null, clientIp: null } };
  return createTimestampResponse({
    request,
    tsaCert: parseCertificate(tsa.certificate),
    signer: (data) => deps.keys.sign({ keyRef: tsa.keyRef, data }, by),
    serial: `1${bytesToHex(deps.ids.randomBytes(15))}`,
    time: deps.clock.now(),
    policy: TSA_POLICY,
  });
}

/** A timestamp token over a signature value (PAdES-B-T / CAdES-T unsigned attribute). */
export async function timestampSignatureValue(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>,
  signatureValue: Uint8Array,
): Promise<Uint8Array> {
  const response = await issueTimestamp(
    deps,
    createTimestampRequest({ data: signatureValue, hash: 'sha256', certReq: true }),
  );
  if (!response.token) throw new AppError('INTERNAL_ERROR', 'the built-in TSA refused the request');
  return response.token;
}
