import { AppError } from '../shared/app-error.js';

/** Wrong PINs allowed before a key locks, and for how long it stays locked. */
export interface PinLockoutPolicy {
  readonly maxAttempts: number;
  readonly lockMinutes: number;
}

export const DEFAULT_PIN_LOCKOUT: PinLockoutPolicy = { maxAttempts: 5, lockMinutes: 15 };

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 64;

export interface PinCounter {
  readonly failedPinAttempts: number;
  readonly lockedUntil: Date | null;
}

export function checkPinLockoutPolicy(policy: PinLockoutPolicy): PinLockoutPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    throw new RangeError('maxAttempts must be a positive integer');
  if (!Number.isFinite(policy.lockMinutes) || policy.lockMinutes <= 0)
    throw new RangeError('lockMinutes must be positive');
  return policy;
}

/** The end of the lock in force at `now`, or null. */
export function activeLock(counter: PinCounter, now: Date): Date | null {
  return counter.lockedUntil && counter.lockedUntil > now ? counter.lockedUntil : null;
}

export function pinAttemptsLeft(counter: PinCounter, now: Date, policy: PinLockoutPolicy): number {
  return activeLock(counter, now) ? 0 : Math.max(0, policy.maxAttempts - counter.failedPinAttempts);
}

/**
 * One more wrong PIN. Reaching `maxAttempts` locks the key for `lockMinutes` and starts the count
 * again, so a fresh series of attempts follows the lock.
 */
export function afterWrongPin(
  counter: PinCounter,
  now: Date,
  policy: PinLockoutPolicy,
): { counter: PinCounter; attemptsLeft: number; lockedUntil: Date | null } {
  const failed = counter.failedPinAttempts + 1;
  if (failed >= policy.maxAttempts) {
    const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    return { counter: { failedPinAttempts: 0, lockedUntil }, attemptsLeft: 0, lockedUntil };
  }
  return {
    counter: { failedPinAttempts: failed, lockedUntil: null },
    attemptsLeft: policy.maxAttempts - failed,
    lockedUntil: null,
  };
}

export const AFTER_RIGHT_PIN: PinCounter = { failedPinAttempts: 0, lockedUntil: null };

/** A new PIN: 6–64 characters, not only whitespace. */
export function checkNewPin(pin: string): void {
  const length = [...pin].length;
  if (length < PIN_MIN_LENGTH || length > PIN_MAX_LENGTH || pin.trim() === '') {
    throw new AppError('KEYS_PIN_POLICY', `PIN must be ${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH} characters`, {
      minLength: PIN_MIN_LENGTH,
      maxLength: PIN_MAX_LENGTH,
    });
  }
}
