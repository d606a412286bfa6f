import type { Bilingual } from './check-texts';
import { LIFECYCLE_CODES, plainText } from './steps';
import type { Check, Verdict } from './types';

export interface Outcome {
  readonly verdict: Verdict;
  /** success: valid; failure: invalid; lifecycle: genuine but no longer in force; undecided. */
  readonly tone: 'success' | 'failure' | 'lifecycle' | 'undecided';
  readonly title: Bilingual;
  readonly explanation: Bilingual;
}

/**
 * The verdict banner in plain words. A licence that was cancelled, revoked, expired … is reported by
 * its status (已注销 / Cancelled) as a normal outcome when nothing else failed.
 */
export function overallOutcome(
  report: { readonly verdict: Verdict; readonly firstFailure: string | null },
  checks: readonly Check[],
  subject: 'file' | 'qr',
): Outcome {
  const { verdict } = report;
  // The server's headline reason (document → signatures → licence → 加注件), else the first one here.
  const headline = (status: Check['status']) =>
    checks.find((c) => c.status === status && c.code === report.firstFailure) ??
    checks.find((c) => c.status === status);
  if (verdict === 'VALID') {
    const objection = checks.some((c) => c.code === 'LICENSE_UNDER_OBJECTION');
    const base: Bilingual =
      subject === 'file'
        ? ['文件真实完整，证照有效。', 'The file is genuine and intact, and the licence is in force.']
        : ['证照真实有效。', 'The licence is genuine and in force.'];
    return {
      verdict,
      tone: 'success',
      title: ['有效', 'Valid'],
      explanation: objection
        ? [`${base[0]}证照数据异议处理中。`, `${base[1]} An objection to its data is being handled.`]
        : base,
    };
  }
  const failed = checks.filter((c) => c.status === 'INVALID');
  if (verdict === 'INVALID' && failed.length > 0 && failed.every((c) => LIFECYCLE_CODES.has(c.code))) {
    const [zh, en] = plainText(failed[0]!);
    return {
      verdict,
      tone: 'lifecycle',
      title: [zh, en],
      explanation:
        subject === 'file'
          ? [
              `文件真实完整，但证照状态为“${zh}”，已不再有效。`,
              `The file is genuine, but the licence is ${en.toLowerCase()}: it is no longer in force.`,
            ]
          : [
              `证照状态为“${zh}”，已不再有效。`,
              `The licence is ${en.toLowerCase()}: it is no longer in force.`,
            ],
    };
  }
  if (verdict === 'INVALID') {
    const reason = headline('INVALID');
    const [zh, en] = reason ? plainText(reason) : ['', ''];
    return {
      verdict,
      tone: 'failure',
      title: ['无效', 'Not valid'],
      explanation: [`未通过：${zh}。`, `Failed: ${en}.`],
    };
  }
  const undecided = headline('ERROR');
  const [zh, en] = undecided ? plainText(undecided) : ['', ''];
  return {
    verdict,
    tone: 'undecided',
    title: ['无法确定', 'Could not decide'],
    explanation: [
      `${zh}。这不表示文件是伪造的，只是无法确认其真实性。`,
      `${en}. This does not mean the file is forged, only that it cannot be confirmed.`,
    ],
  };
}
