import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { ROOT } from './paths.js';

export const MIGRATIONS_DIR = path.join(ROOT, 'db/migrations');

/**
 * Applies db/migrations/NNNN_*.sql in order, each in its own transaction, as the
 * database owner. Applied files are recorded with a checksum; an edited applied
 * file is an error (write a new migration instead). Safe with many processes:
 * an advisory lock lets one migrate while the others wait.
 */
export async function migrate(
  ownerUrl: string,
  appRole: string,
  report: (message: string) => void = (m) => console.warn(m),
): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  // What a migration reports about existing data (RAISE NOTICE in its PL/pgSQL) reaches the operator;
  // the server's own notices («… does not exist, skipping») do not.
  let current = '';
  client.on('notice', (n) => {
    if (n.where?.includes('PL/pgSQL')) report(`${current}: ${n.message}`);
  });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7342000)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).rows.map(
        (r) => [r.name, r.checksum],
      ),
    );
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_.+\.sql$/.test(f))
      .sort();
    for (const file of files) {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const checksum = crypto.createHash('sha256').update(text).digest('hex');
      const known = done.get(file);
      if (known) {
        if (known !== checksum) throw new Error(`Migration ${file} was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      current = file;
      try {
        await client.query(text.replaceAll('{{app_role}}', appRole));
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7342000)').catch(() => {});
    await client.end();
  }
  return applied;
}
