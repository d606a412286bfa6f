import { randomUUID } from 'node:crypto';
import type { CoreDeps, RequestMeta } from '@zhengyin/core';
import type { Config, Database, ServerContext } from '@zhengyin/server';
import { createContext, loadConfig, loadMasterKey, migrate, openDatabase } from '@zhengyin/server';
import type { Io } from './io.js';

export const cliMeta = (): RequestMeta => ({ requestId: `cli-${randomUUID()}`, clientIp: null });

/**
 * Opens the configured database (PGlite data directory or DATABASE_URL), migrated, and runs
 * `work` with the use-case dependencies. With the embedded database, stop the server first:
 * PGlite allows one process per data directory.
 */
export async function withPlatform<T>(
  io: Io,
  work: (deps: CoreDeps, config: Config, database: Database, ctx: ServerContext) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ ...io.env, ZHENGYIN_LOG_LEVEL: io.env.ZHENGYIN_LOG_LEVEL ?? 'warn' });
  const { key } = await loadMasterKey(config);
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const ctx = createContext(config, database, key);
    return await work(ctx.deps, config, database, ctx);
  } finally {
    await database.close();
  }
}
