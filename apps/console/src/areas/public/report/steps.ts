import type { Bilingual } from './check-texts';
import { checkText } from './check-texts';
import type { Check } from './types';

export type StepKey =
  'integrity' | 'signature' | 'certificate' | 'seal' | 'timestamp' | 'registry' | 'status' | 'annotation';

/** The named steps of a report, in the order they are shown, with what a passed step means. */
export const STEPS: readonly { key: StepKey; name: Bilingual; passed: Bilingual }[] = [
  {
    key: 'integrity',
    name: ['完整性', 'Integrity'],
    passed: ['文件完整，签名后未被修改', 'The file is intact: nothing was changed after signing'],
  },
  { key: 'signature', name: ['签名', 'Signature'], passed: ['签名有效', 'The signatures verify'] },
  {
    key: 'certificate',
    name: ['证书', 'Certificate'],
    passed: [
      '签名证书由受信任的机构签发，签名时有效',
      'The signing certificates come from a trusted authority and were valid when they signed',
    ],
  },
  {
    key: 'seal',
    name: ['印章', 'Seal'],
    passed: ['电子印章真实，签章时状态正常', 'The electronic seal is genuine and was in use when it signed'],
  },
  {
    key: 'timestamp',
    name: ['时间戳', 'Time-stamp'],
    passed: ['可信时间戳证明了签名时间', 'A trusted time-stamp proves when it was signed'],
  },
  {
    key: 'registry',
    name: ['登记', 'Registry'],
    passed: ['证照已在证照库登记，与签发存档一致', 'The licence is registered; this is the file it issued'],
  },
  { key: 'status', name: ['状态', 'Status'], passed: ['证照有效', 'The licence is in force'] },
  {
    key: 'annotation',
    name: ['加注件', 'Annotated copy'],
    passed: ['加注件有效', 'The annotated copy is valid'],
  },
];

const BY_NAME: Record<string, StepKey> = {
  SIGNATURE: 'signature',
  SIGNING_TIME: 'signature',
  SIGNER_CERTIFICATE: 'certificate',
  CERTIFICATE_CHAIN: 'certificate',
  SEAL: 'seal',
  SEAL_FILE: 'seal',
  SEAL_MAKER_CHAIN: 'seal',
  STAMP_ANNOT: 'seal',
  TIMESTAMP: 'timestamp',
  LICENSE_REGISTERED: 'registry',
  LICENSE_FILE_MATCHES: 'registry',
  LICENSE_STATUS: 'status',
  LICENSE_OBJECTION: 'status',
};

/** The step a check belongs to, by its name (document structure checks are integrity). */
export function stepOf(checkName: string): StepKey {
  const known = BY_NAME[checkName];
  if (known) return known;
  if (checkName.startsWith('ANNOTATION')) return 'annotation';
  if (checkName.startsWith('SEAL')) return 'seal';
  if (checkName.startsWith('LICENSE')) return 'registry';
  return 'integrity';
}

/** Statuses a licence reaches in its normal life: a genuine file of such a licence is not an error. */
export const LIFECYCLE_CODES = new Set([
  'LICENSE_EXPIRED',
  'LICENSE_CANCELLED',
  'LICENSE_REVOKED',
  'LICENSE_SUSPENDED',
  'LICENSE_LOST',
  'LICENSE_SUPERSEDED',
]);

/** Checks that pass yet deserve the reader's attention. */
const NOTICE_CODES = new Set(['LICENSE_UNDER_OBJECTION', 'SEAL_STATUS_CHANGED_SINCE']);

/** A check with where it was made (the document, signature n, 加注件 n). */
export interface LocatedCheck {
  readonly check: Check;
  readonly where: Bilingual;
}

/**
 * success: passed; failure: proven wrong; lifecycle: the licence is no longer in force (a normal
 * outcome); undecided: could not be decided; notice: passed with a remark; neutral: not applicable.
 */
export type Tone = 'success' | 'failure' | 'lifecycle' | 'undecided' | 'notice' | 'neutral';

export interface StepResult {
  readonly key: StepKey;
  readonly name: Bilingual;
  readonly tone: Tone;
  readonly summary: Bilingual;
  readonly checks: readonly LocatedCheck[];
}

/** The plain wording of a check: our text for its code, else the server's message. */
export function plainText(check: Check): Bilingual {
  return checkText(check.code) ?? [check.message, check.message];
}

function summarize(passed: Bilingual, checks: readonly LocatedCheck[]): { tone: Tone; summary: Bilingual } {
  const first = (status: Check['status']) => checks.find((x) => x.check.status === status)?.check;
  const failed = checks.filter((x) => x.check.status === 'INVALID').map((x) => x.check);
  if (failed.length > 0) {
    const lifecycle = failed.every((c) => LIFECYCLE_CODES.has(c.code));
    return { tone: lifecycle ? 'lifecycle' : 'failure', summary: plainText(failed[0]!) };
  }
  const undecided = first('ERROR');
  if (undecided) return { tone: 'undecided', summary: plainText(undecided) };
  const notice = checks.find((x) => NOTICE_CODES.has(x.check.code))?.check;
  if (notice) return { tone: 'notice', summary: plainText(notice) };
  // A step of one check says what that check found (the registry of a QR code: registered, no file).
  if (first('VALID'))
    return { tone: 'success', summary: checks.length === 1 ? plainText(checks[0]!.check) : passed };
  const skipped = first('SKIPPED');
  return { tone: 'neutral', summary: skipped ? plainText(skipped) : passed };
}

/** Groups checks into the named steps (steps without checks are left out) with a plain result each. */
export function summarizeSteps(checks: readonly LocatedCheck[]): StepResult[] {
  return STEPS.flatMap((step) => {
    const mine = checks.filter((x) => stepOf(x.check.name) === step.key);
    if (mine.length === 0) return [];
    return [{ key: step.key, name: step.name, ...summarize(step.passed, mine), checks: mine }];
  });
}
