import { validateCitizenId, validateUscc } from '@zhengyin/gm';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { AuditTarget } from '../audit/entry.js';
import type { HolderLoginCodeType } from './ports.js';
import { HOLDER_LOGIN_CODE_TYPES } from './ports.js';

export type HolderActor = Extract<Actor, { kind: 'holder' }>;

/** The audit target naming a holder: `holder` / `<code type>:<code>`. */
export function holderTarget(holderCodeType: string, holderCode: string): AuditTarget {
  return { type: 'holder', id: `${holderCodeType}:${holderCode}` };
}

/** Narrows the actor to a logged-in holder, or refuses. */
export function requireHolder(actor: Actor): HolderActor {
  if (actor.kind !== 'holder') throw new AppError('AUTH_REQUIRED', 'log in as a holder first');
  return actor;
}

/**
 * Checks a holder identity from the identity provider: code type 001 or 111, the code's check
 * character (GB 32100 / GB 11643), a name. Returns the normalised values (upper-case code).
 */
export function checkHolderIdentity(input: {
  holderCodeType: string | null;
  holderCode: string | null;
  name: string | null;
}): { holderCodeType: HolderLoginCodeType; holderCode: string; name: string } {
  const problems: string[] = [];
  const type = input.holderCodeType?.trim() ?? '';
  const code = input.holderCode?.trim().toUpperCase() ?? '';
  const name = input.name?.trim() ?? '';
  if (!(HOLDER_LOGIN_CODE_TYPES as readonly string[]).includes(type))
    problems.push(`holder code type must be one of ${HOLDER_LOGIN_CODE_TYPES.join(', ')}`);
  else if (type === '001') {
    const r = validateUscc(code);
    if (!r.valid) problems.push(`统一社会信用代码 invalid: ${r.message}`);
  } else {
    const r = validateCitizenId(code);
    if (!r.valid) problems.push(`公民身份号码 invalid: ${r.message}`);
  }
  if (!name || [...name].length > 200) problems.push('holder name: 1–200 characters');
  if (problems.length) throw new AppError('HOLDER_IDENTITY_INVALID', problems.join('; '), { problems });
  return { holderCodeType: type as HolderLoginCodeType, holderCode: code, name };
}

/**
 * Where to go after login: only a same-origin relative path (`/…`, not `//host` or `/\host`), no
 * control characters or backslashes, at most 512 characters. Anything else is refused.
 */
export function safeReturnTo(returnTo: string | undefined): string {
  if (returnTo === undefined || returnTo === '') return '/';
  const ok =
    returnTo.length <= 512 &&
    returnTo.startsWith('/') &&
    !returnTo.startsWith('//') &&
    ![...returnTo].some((ch) => ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (!ok) {
    throw new AppError('HOLDER_RETURN_TO_INVALID', 'returnTo must be a relative path on this site', {
      returnTo: returnTo.slice(0, 100),
    });
  }
  // A path like /%2F%2Fevil.example decodes to //evil.example in some routers: refuse it too.
  let decoded = returnTo;
  try {
    decoded = decodeURIComponent(returnTo);
  } catch {
    throw new AppError('HOLDER_RETURN_TO_INVALID', 'returnTo is not a valid path');
  }
  if (decoded.startsWith('//') || decoded.includes('\\'))
    throw new AppError('HOLDER_RETURN_TO_INVALID', 'returnTo must be a relative path on this site');
  return returnTo;
}
