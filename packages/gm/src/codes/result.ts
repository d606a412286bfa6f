/** Outcome of a code check: details when valid, a stable reason (and the expected check character) when not. */
export type CodeCheckResult<Valid extends object, Reason extends string> =
  | ({ readonly valid: true } & Valid)
  | { readonly valid: false; readonly reason: Reason; readonly message: string; readonly expected?: string };

export const invalid = <Reason extends string>(reason: Reason, message: string, expected?: string) =>
  expected === undefined
    ? { valid: false as const, reason, message }
    : { valid: false as const, reason, message, expected };
