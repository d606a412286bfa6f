import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /**
   * Runs `work` on one dedicated database session (session-level advisory locks, scripts).
   * `exec` runs a multi-statement script and returns the rows of the last statement.
   */
  session<T>(work: (exec: (script: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// DATE as 'YYYY-MM-DD' text (not a local-midnight Date) and BIGINT as a JS number when safe.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

const BYTEA = 17;
/**
 * bytea through Buffer's hex codec: PGlite's own converts byte by byte, which made storing a licence
 * file (about 200 KB) cost tens of milliseconds.
 */
const BYTEA_AS_HEX = {
  serializers: {
    [BYTEA]: (v: Uint8Array) => `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`,
  },
  parsers: { [BYTEA]: (v: string) => new Uint8Array(Buffer.from(v.slice(2), 'hex')) },
};

export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, BYTEA_AS_HEX);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    session: (work) =>
      work(async (script) => {
        const results = await pglite.exec(script);
        return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
      }),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function openPostgres(
  connectionString: string,
  maxConnections = 10,
  onIdleError: (error: Error) => void = () => {},
): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle connection that dies (server restart) is dropped by the pool; without a listener it
  // would crash the process.
  pool.on('error', onIdleError);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    session: async (work) => {
      const client = await pool.connect();
      try {
        return await work(async (script) => {
          const result: unknown = await client.query(script);
          const last = Array.isArray(result) ? result.at(-1) : result;
          return ((last as pg.QueryResult | undefined)?.rows ?? []) as Record<string, unknown>[];
        });
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}
