import type { AreaCodeResult } from './area-code.js';
import { validateAreaCode } from './area-code.js';
import type { CitizenIdResult } from './citizen-id.js';
import { validateCitizenId } from './citizen-id.js';
import type { EcertIdentifierResult } from './ecert-identifier.js';
import { parseEcertIdentifier } from './ecert-identifier.js';
import type { OrgCodeResult } from './org-code.js';
import { validateOrgCode } from './org-code.js';
import type { UsccResult } from './uscc.js';
import { validateUscc } from './uscc.js';

export type CodeCheck =
  | { readonly kind: 'ecert-identifier'; readonly result: EcertIdentifierResult }
  | { readonly kind: 'uscc'; readonly result: UsccResult }
  | { readonly kind: 'citizen-id'; readonly result: CitizenIdResult }
  | { readonly kind: 'org-code'; readonly result: OrgCodeResult }
  | { readonly kind: 'area-code'; readonly result: AreaCodeResult };

/**
 * Checks a code of unknown kind. Every kind whose shape fits is checked; valid ones come first.
 * An empty list means no known kind has this shape. (An all-digit 18-character code can be both a
 * USCC and a citizen ID.)
 */
export function checkCode(input: string, opts: { readonly today?: Date } = {}): CodeCheck[] {
  const code = input.trim().toUpperCase();
  const checks: CodeCheck[] = [];
  if (code.startsWith('1.2.156.'))
    checks.push({ kind: 'ecert-identifier', result: parseEcertIdentifier(code) });
  if (code.length === 18) {
    if (/^\d{17}[\dX]$/.test(code)) {
      checks.push({ kind: 'citizen-id', result: validateCitizenId(code, opts) });
    }
    checks.push({ kind: 'uscc', result: validateUscc(code) });
  }
  if (/^\d{15}$/.test(code)) {
    checks.push({ kind: 'citizen-id', result: validateCitizenId(code, { ...opts, allowLegacy15: true }) });
  }
  if (/^[0-9A-Z]{8}-?[0-9A-Z]$/.test(code)) checks.push({ kind: 'org-code', result: validateOrgCode(code) });
  if (/^\d{6}$/.test(code)) checks.push({ kind: 'area-code', result: validateAreaCode(code) });
  return checks.sort((a, b) => Number(b.result.valid) - Number(a.result.valid));
}
