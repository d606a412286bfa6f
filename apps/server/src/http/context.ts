import type { Actor, CoreDeps, RequestMeta, Session } from '@zhengyin/core';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/schema.js';
import type { Database } from '../db/database.js';

/** What the HTTP layer is built from (the composition root fills it). */
export interface ServerContext {
  readonly config: Config;
  readonly deps: CoreDeps;
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly version: string;
}

/** Per-request values kept on the Hono context. */
export interface RequestState {
  actor: Actor;
  meta: RequestMeta;
  session: Session | null;
}

export type AppEnv = { Variables: { state: RequestState; requestId: string } };
