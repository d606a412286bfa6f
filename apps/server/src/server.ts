import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootstrapPlatform, ensureDevelopmentCa } from '@zhengyin/core';
import { encodePem } from '@zhengyin/gm';
import { sm2SelfTest } from '@zhengyin/gm';
import type { Config } from './config/schema.js';
import { createContext, createLogger, migrate, openDatabase } from './container.js';
import { createHttpApp } from './http/app.js';
import { startJobs } from './jobs.js';
import { loadMasterKey } from './master-key.js';

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the platform: opens and migrates the database, creates the platform administrator on
 * first start (printing its one-time password once), and serves HTTP until stopped.
 */
export async function startServer(
  config: Config,
  print: (line: string) => void = console.log,
): Promise<RunningServer> {
  const logger = createLogger(config);
  const selfTest = sm2SelfTest();
  logger.info({ sm2Native: selfTest.native }, 'SM2 known-answer self-test done');
  const { key, generated } = await loadMasterKey(config);
  if (generated)
    logger.warn(
      'generated a development master key in the data directory; set ZHENGYIN_MASTER_KEY in production',
    );
  const database = await openDatabase(config, logger);
  const applied = await migrate(database);
  if (applied.length) logger.info({ applied }, 'database migrations applied');
  const ctx = createContext(config, database, key, { logger });
  const boot = await bootstrapPlatform(ctx.deps, {
    username: config.ZHENGYIN_ADMIN_USERNAME,
    ...(config.ZHENGYIN_ADMIN_PASSWORD ? { password: config.ZHENGYIN_ADMIN_PASSWORD } : {}),
  });
  if (boot.created) {
    print(`\n平台管理员 platform administrator: ${boot.username}`);
    print(
      config.ZHENGYIN_ADMIN_PASSWORD
        ? '一次性密码来自配置 one-time password taken from ZHENGYIN_ADMIN_PASSWORD'
        : `一次性密码 one-time password (shown once, change it at first login): ${boot.password}\n`,
    );
  }
  const { cas, created } = await ensureDevelopmentCa(ctx.deps);
  const development = cas.filter((ca) => ca.developmentOnly);
  if (development.length > 0) {
    const pemPath = join(config.ZHENGYIN_DATA_DIR, 'dev-ca.pem');
    await mkdir(config.ZHENGYIN_DATA_DIR, { recursive: true });
    await writeFile(pemPath, development.map((ca) => encodePem('CERTIFICATE', ca.certificate)).join(''));
    logger.warn(
      { cas: development.map((ca) => ca.name), pem: pemPath },
      'development CAs in use: for development and tests only',
    );
    if (created) print(`开发用根证书（仅供开发测试）development-only CAs created: ${pemPath}`);
  }
  const app = createHttpApp(ctx);
  const jobs = startJobs(ctx);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.ZHENGYIN_HOST, port: config.ZHENGYIN_PORT }, () =>
      resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.ZHENGYIN_PORT;
  const url = `http://${config.ZHENGYIN_HOST}:${port}`;
  logger.info({ url, database: database.kind }, 'zhengyin is listening');
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down: no new connections, finishing requests in flight');
      jobs.stop();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
          resolve();
        }, config.ZHENGYIN_SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await ctx.apiCalls.flush();
      await ctx.verificationTally.flush();
      await database.close();
      logger.info('stopped');
    })());
  return { url, stop };
}
