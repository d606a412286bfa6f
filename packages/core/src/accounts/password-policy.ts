import { AppError } from '../shared/app-error.js';
import type { Ids } from '../shared/runtime.js';

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** Length and at least three of four character classes; never the username. */
export function checkPasswordPolicy(password: string, username: string, minLength: number): void {
  const problems: string[] = [];
  if (password.length < minLength) problems.push(`at least ${minLength} characters`);
  if (password.length > 256) problems.push('at most 256 characters');
  if (CLASSES.filter((c) => c.test(password)).length < 3) {
    problems.push('three of: lower case, upper case, digits, symbols');
  }
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
  if (problems.length)
    throw new AppError('AUTH_PASSWORD_POLICY', problems.join('; '), { problems, minLength });
}

const ALPHABETS = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKMNPQRSTUVWXYZ', '23456789', '#%+-=@_'];

/** A random one-time password that satisfies the policy (unambiguous characters). */
export function generatePassword(ids: Ids, length = 16): string {
  const all = ALPHABETS.join('');
  const bytes = ids.randomBytes(length * 2);
  const chars = Array.from({ length }, (_, i) => {
    const alphabet = i < ALPHABETS.length ? ALPHABETS[i]! : all;
    return alphabet[bytes[i]! % alphabet.length]!;
  });
  // Fisher–Yates with the second half of the random bytes, so the class characters are not in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = bytes[length + i]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
