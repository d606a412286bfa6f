import { sql } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Runs raw SQL against audit_events with its append-only triggers switched off — what an attacker
 * with database access could do. Only tests use this.
 */
export async function tamperWithAudit(database: Database, statements: string[]): Promise<void> {
  await sql.raw('ALTER TABLE audit_events DISABLE TRIGGER USER').execute(database.db);
  try {
    for (const statement of statements) await sql.raw(statement).execute(database.db);
  } finally {
    await sql.raw('ALTER TABLE audit_events ENABLE TRIGGER USER').execute(database.db);
  }
}
