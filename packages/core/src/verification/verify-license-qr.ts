import type { Check, Verdict } from '@zhengyin/documents';
import { verdictOf } from '@zhengyin/documents';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { LicenseTokens } from '../licensing/ports.js';
import { lookupLicenseStatus } from '../licensing/public-status.js';
import { LONG_TERM } from '../licensing/metadata.js';
import { licenseStatusChecks } from './license-status.js';
import { firstFailureOf, type ObjectionStatus } from './verify-license-file.js';

export type LicenseQrInput =
  { readonly url: string } | { readonly identifier: string; readonly token: string };

/**
 * The identifier and token of a licence QR URL (`…/v/<identifier>?t=<token>`, see
 * licensing/sign-license.ts). Only the path's last `/v/` segment and `t` are read; the host is not
 * trusted for anything (the token is checked against our key).
 */
export function parseLicenseQrUrl(url: string): { identifier: string; token: string } {
  const invalid = () =>
    new AppError('REQUEST_VALIDATION_FAILED', 'not a licence QR URL (…/v/<identifier>?t=<token>)', {
      field: 'url',
    });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid();
  }
  const match = /\/v\/([^/]+)\/?$/.exec(parsed.pathname);
  const token = parsed.searchParams.get('t');
  if (!match?.[1] || !token) throw invalid();
  let identifier: string;
  try {
    identifier = decodeURIComponent(match[1]);
  } catch {
    throw invalid();
  }
  if (identifier.length < 20 || identifier.length > 128 || token.length > 64) throw invalid();
  return { identifier, token };
}

export type LicenseQrReport = Awaited<ReturnType<typeof lookupLicenseStatus>> & {
  readonly verdict: Verdict;
  readonly checks: readonly Check[];
  readonly underObjection: boolean;
  readonly firstFailure: string | null;
};

/**
 * QR verification: what the licence QR shows (status with an end date already passed counted as
 * expired, type, issuer, validity, the newest version of a superseded one, data masked by the
 * type's rules) plus the status checks and a verdict. An unknown licence or a wrong token is
 * LICENSE_NOT_FOUND, so identifiers cannot be probed.
 */
export async function verifyLicenseQr(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & {
    readonly tokens: LicenseTokens;
    readonly objections?: ObjectionStatus;
  },
  input: LicenseQrInput,
): Promise<LicenseQrReport> {
  const { identifier, token } = 'url' in input ? parseLicenseQrUrl(input.url) : input;
  const shown = await lookupLicenseStatus(deps, { identifier, token });
  let underObjection = false;
  if (deps.objections) {
    const row = await deps.uow.read((r) => r.licenses.byIdentifier(identifier));
    underObjection = row ? await deps.objections.underObjection(row) : false;
  }
  const checks = licenseStatusChecks(
    {
      identifier: shown.identifier,
      status: shown.status,
      validTo: shown.validTo === LONG_TERM ? null : shown.validTo,
      supersededBy: shown.supersededBy,
    },
    { now: deps.clock.now(), underObjection },
  );
  return {
    ...shown,
    verdict: verdictOf(checks),
    checks,
    underObjection,
    firstFailure: firstFailureOf(checks),
  };
}
