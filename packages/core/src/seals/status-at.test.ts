import { describe, expect, test } from 'vitest';
import type { SealStatusEvent } from './ports.js';
import { statusAt } from './read-seals.js';

const event = (status: SealStatusEvent['status'], at: string) =>
  ({ status, at: new Date(at) }) as SealStatusEvent;

describe('statusAt (the seal status a past signature is judged by)', () => {
  const history = [
    event('applied', '2026-11-23T02:00:00.100Z'),
    event('active', '2026-11-23T02:00:05.700Z'),
    event('revoked', '2026-11-23T03:00:00.000Z'),
  ];

  test('a signing time in whole seconds counts the event of that same second', () => {
    // Signed 0.5 s after activation; the PDF's /M keeps only 02:00:05.
    expect(statusAt(history, new Date('2026-11-23T02:00:05.000Z'))).toBe('active');
    expect(statusAt(history, new Date('2026-11-23T02:00:04.999Z'))).toBe('applied');
  });

  test('before every event there is no status; after revocation it is revoked', () => {
    expect(statusAt(history, new Date('2026-11-23T01:59:59.000Z'))).toBeNull();
    expect(statusAt(history, new Date('2026-11-23T02:59:59.000Z'))).toBe('active');
    expect(statusAt(history, new Date('2026-11-23T03:00:00.000Z'))).toBe('revoked');
  });
});
