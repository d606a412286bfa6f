import { readFile, readdir } from 'node:fs/promises';
import type { Database } from './database.js';

const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);
const LOCK_KEY = 7270114;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Applies the plain SQL files of apps/server/migrations in name order, each atomically and once.
 * Concurrent starters are serialised by a session advisory lock.
 */
export async function migrate(database: Database): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  return database.session(async (exec) => {
    await exec(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    try {
      await exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await exec('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
      const applied: string[] = [];
      for (const file of files.filter((f) => !done.has(f))) {
        const script = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8');
        try {
          await exec(
            `BEGIN;\n${script}\n;\nINSERT INTO schema_migrations (name) VALUES (${quote(file)});\nCOMMIT;`,
          );
        } catch (error) {
          await exec('ROLLBACK');
          throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(file);
      }
      return applied;
    } finally {
      await exec(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}
