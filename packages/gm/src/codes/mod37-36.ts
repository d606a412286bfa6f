/** ISO/IEC 7064 MOD 37,36 (hybrid system) over the alphabet 0-9 A-Z (values 0–35). */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Runs the recurrence; returns the final P and S. */
function run(input: string): { p: number; s: number } {
  let p = 36;
  let s = 0;
  for (const c of input) {
    s = (p + ALPHABET.indexOf(c)) % 36 || 36;
    p = (2 * s) % 37;
  }
  return { p, s };
}

/** The check character to append to `input` ([0-9A-Z]+). */
export function mod37_36CheckCharacter(input: string): string {
  if (!/^[0-9A-Z]+$/.test(input)) throw new RangeError('MOD 37,36 input must be [0-9A-Z]+');
  return ALPHABET[(37 - run(input).p) % 36] as string;
}

/** True when the last character of `inputWithCheck` is its correct check character. */
export function mod37_36IsValid(inputWithCheck: string): boolean {
  return /^[0-9A-Z]{2,}$/.test(inputWithCheck) && run(inputWithCheck).s === 1;
}
