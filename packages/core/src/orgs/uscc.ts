import { validateUscc } from '@zhengyin/gm';
import { AppError } from '../shared/app-error.js';

/** Throws ORGS_USCC_INVALID unless `code` is a valid 统一社会信用代码 (GB 32100). */
export function requireValidUscc(code: string): void {
  const result = validateUscc(code);
  if (!result.valid) {
    throw new AppError('ORGS_USCC_INVALID', `invalid 统一社会信用代码: ${code}`, { uscc: code, ...result });
  }
}
