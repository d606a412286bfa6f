import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Ids } from '@zhengyin/core';

export const systemClock: Clock = { now: () => new Date() };

export const cryptoIds: Ids = {
  uuid: () => randomUUID(),
  token: (bytes) => randomBytes(bytes).toString('base64url'),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
};
