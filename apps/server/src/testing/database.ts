import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database.js';
import { openPglite, openPostgres } from '../db/database.js';
import { migrate } from '../db/migrate.js';

export interface TestDatabase {
  readonly database: Database;
  /** Connection URL when on PostgreSQL (for CLI tests), undefined on PGlite. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

/** The PostgreSQL server the suite runs against too, when TEST_DATABASE_URL is set. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** A fresh, migrated database: in-memory PGlite, or a new database on TEST_DATABASE_URL's server. */
export async function createTestDatabase(
  kind: 'pglite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'pglite',
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite();
    await migrate(database);
    return { database, url: undefined, close: () => database.close() };
  }
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `zy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), Number(process.env.TEST_DATABASE_POOL_SIZE ?? 5));
  await migrate(database);
  return {
    database,
    url: url.toString(),
    close: async () => {
      await database.close();
      // Wait for the pool's connections to finish closing; forcing the drop would kill them mid-close.
      const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await cleanup.connect();
      try {
        for (let i = 0; i < 100; i++) {
          const { rows } = await cleanup.query(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cleanup.query(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
