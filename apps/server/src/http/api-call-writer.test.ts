import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { UnitOfWork } from '@zhengyin/core';
import type { TestDatabase } from '../testing/database.js';
import { createTestDatabase } from '../testing/database.js';
import { kyselyUnitOfWork } from '../repositories/unit-of-work.js';
import { ApiCallWriter } from './api-call-writer.js';

let db: TestDatabase;
let uow: UnitOfWork;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  db = await createTestDatabase();
  uow = kyselyUnitOfWork(db.database.db);
});
afterAll(() => db.close());

const call = (requestId: string) => ({
  at: new Date('2026-11-23T01:00:00Z'),
  requestId,
  actorKind: 'anonymous',
  actorId: null,
  method: 'GET',
  path: '/api/v1/public/licenses/x',
  status: 200,
  latencyMs: 1,
  clientIp: '127.0.0.1',
});
const stored = async (prefix: string) =>
  (await uow.run((r) => r.apiCalls.list({ limit: 1000 })))
    .filter((c) => c.requestId.startsWith(prefix))
    .map((c) => c.requestId)
    .reverse();

test('calls wait for the batch and are written together, in order, on flush', async () => {
  const writer = new ApiCallWriter(uow, logger, 60_000);
  await writer.add(call('batch-1'));
  await writer.add(call('batch-2'));
  expect(await stored('batch-')).toEqual([]);
  await writer.flush();
  expect(await stored('batch-')).toEqual(['batch-1', 'batch-2']);
  await writer.flush();
  expect(await stored('batch-')).toHaveLength(2);
});

test('the timer writes a batch by itself; flushMs 0 writes each call at once', async () => {
  const timed = new ApiCallWriter(uow, logger, 20);
  await timed.add(call('timer-1'));
  await expect.poll(() => stored('timer-'), { timeout: 2000 }).toEqual(['timer-1']);
  const direct = new ApiCallWriter(uow, logger, 0);
  await direct.add(call('direct-1'));
  expect(await stored('direct-')).toEqual(['direct-1']);
});

test('500 queued calls are written without waiting for the timer; a failing store is logged, not thrown at the request', async () => {
  const writer = new ApiCallWriter(uow, logger, 60_000);
  for (let i = 0; i < 500; i++) await writer.add(call(`full-${String(i).padStart(3, '0')}`));
  expect(await stored('full-')).toHaveLength(500);
  const failing: UnitOfWork = { run: () => Promise.reject(new Error('down')), read: (w) => uow.read(w) };
  const flaky = new ApiCallWriter(failing, logger, 0);
  await expect(flaky.add(call('lost-1'))).resolves.toBeUndefined();
  expect(await stored('lost-')).toEqual([]);
});
