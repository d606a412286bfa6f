import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AppError } from '../shared/app-error.js';
import type { PinCounter } from './pin-lockout.js';
import {
  DEFAULT_PIN_LOCKOUT,
  activeLock,
  afterWrongPin,
  checkNewPin,
  checkPinLockoutPolicy,
  pinAttemptsLeft,
} from './pin-lockout.js';

const now = new Date('2026-11-20T08:00:00.000Z');
const fresh: PinCounter = { failedPinAttempts: 0, lockedUntil: null };
const policy = { maxAttempts: 3, lockMinutes: 10 };

describe('PIN lockout decisions', () => {
  test('wrong PINs count down, the last one locks for lockMinutes and restarts the count', () => {
    const first = afterWrongPin(fresh, now, policy);
    expect(first).toEqual({
      counter: { failedPinAttempts: 1, lockedUntil: null },
      attemptsLeft: 2,
      lockedUntil: null,
    });
    const second = afterWrongPin(first.counter, now, policy);
    expect(second.attemptsLeft).toBe(1);
    const third = afterWrongPin(second.counter, now, policy);
    const until = new Date('2026-11-20T08:10:00.000Z');
    expect(third).toEqual({
      counter: { failedPinAttempts: 0, lockedUntil: until },
      attemptsLeft: 0,
      lockedUntil: until,
    });
    expect(activeLock(third.counter, now)).toEqual(until);
    expect(pinAttemptsLeft(third.counter, now, policy)).toBe(0);
  });

  test('a lock is in force strictly before its end and gives a fresh series afterwards', () => {
    const locked = { failedPinAttempts: 0, lockedUntil: new Date(now.getTime() + 60_000) };
    expect(activeLock(locked, new Date(now.getTime() + 59_999))).toEqual(locked.lockedUntil);
    expect(activeLock(locked, new Date(now.getTime() + 60_000))).toBeNull();
    const later = new Date(now.getTime() + 60_000);
    expect(pinAttemptsLeft(locked, later, policy)).toBe(3);
    expect(afterWrongPin(locked, later, policy).attemptsLeft).toBe(2);
  });

  test('one attempt allowed: the first wrong PIN locks', () => {
    expect(afterWrongPin(fresh, now, { maxAttempts: 1, lockMinutes: 1 }).attemptsLeft).toBe(0);
  });

  test('property: k < max wrong PINs leave max − k attempts; max of them lock', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1440 }), (max, minutes) => {
        const p = { maxAttempts: max, lockMinutes: minutes };
        let counter = fresh;
        for (let k = 1; k <= max; k++) {
          const step = afterWrongPin(counter, now, p);
          counter = step.counter;
          if (k < max) {
            expect(step.attemptsLeft).toBe(max - k);
            expect(step.lockedUntil).toBeNull();
            expect(pinAttemptsLeft(counter, now, p)).toBe(max - k);
          } else {
            expect(step.lockedUntil!.getTime() - now.getTime()).toBe(minutes * 60_000);
            expect(pinAttemptsLeft(counter, now, p)).toBe(0);
          }
        }
      }),
    );
  });

  test('policy and PIN checks', () => {
    expect(checkPinLockoutPolicy(DEFAULT_PIN_LOCKOUT)).toEqual({ maxAttempts: 5, lockMinutes: 15 });
    expect(() => checkPinLockoutPolicy({ maxAttempts: 0, lockMinutes: 5 })).toThrow(RangeError);
    expect(() => checkPinLockoutPolicy({ maxAttempts: 2.5, lockMinutes: 5 })).toThrow(RangeError);
    expect(() => checkPinLockoutPolicy({ maxAttempts: 5, lockMinutes: 0 })).toThrow(RangeError);
    for (const ok of ['123456', '印章口令密码', 'x'.repeat(64)]) expect(() => checkNewPin(ok)).not.toThrow();
    for (const bad of ['12345', '      ', 'x'.repeat(65), '']) {
      const error = (() => {
        try {
          checkNewPin(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('KEYS_PIN_POLICY');
    }
  });
});
