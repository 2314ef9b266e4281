/**
 * Verifies the hash chains of the audit trail as the database owner and prints a report:
 * Ukrainian lines for people, then one JSON line for machines. Exit code 0 when every
 * chain is intact, 1 when there is any break, 2 when the check could not run.
 *
 *   DATABASE_URL=postgres://owner@host/db npm run audit:verify
 *   (without DATABASE_URL: the embedded database under DATA_DIR — the running one when the app
 *   runs, connected to and left running; otherwise it is started for the check and stopped)
 */
import pg from 'pg';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';
import { verifyAuditChain, type ChainBreak } from '../platform/audit.js';

const PROBLEM: Record<ChainBreak['problem'], string> = {
  hash: 'вміст запису не відповідає хешу (запис змінено)',
  link: 'посилання на попередній хеш не збігається (ланцюжок розірвано)',
  gap: 'пропущено номер у ланцюжку (запис видалено)',
};

function formatReport(result: { entries: number; breaks: ChainBreak[] }): string {
  const lines = [`Перевірка журналу аудиту: перевірено записів — ${result.entries}.`];
  if (result.breaks.length === 0) lines.push('Порушень не знайдено: усі ланцюжки цілі.');
  else {
    lines.push(`ПОРУШЕННЯ ЦІЛІСНОСТІ: ${result.breaks.length}.`);
    for (const b of result.breaks) {
      lines.push(
        `  ланцюжок ${b.chain}, смуга ${b.lane}, номер ${b.seq}, id ${b.id}: ${PROBLEM[b.problem]} [${b.problem}]`,
      );
    }
  }
  lines.push(JSON.stringify({ ok: result.breaks.length === 0, entries: result.entries, breaks: result.breaks }));
  return lines.join('\n') + '\n';
}

async function main(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config, { attach: true });
  const client = new pg.Client({ connectionString: database.ownerUrl, application_name: 'turbota-audit-verify' });
  try {
    await client.connect();
    // With FORCE ROW LEVEL SECURITY a role that cannot bypass RLS would see no entry and report "intact".
    const role = await client.query<{ ok: boolean }>(
      'SELECT rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user',
    );
    if (!role.rows[0]?.ok) {
      throw new Error('обліковий запис бази даних не може обходити row-level security (потрібен власник із BYPASSRLS)');
    }
    const result = await verifyAuditChain(client);
    process.stdout.write(formatReport(result));
    return result.breaks.length === 0 ? 0 : 1;
  } finally {
    await client.end().catch(() => {});
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Не вдалося перевірити журнал аудиту: ${(err as Error).message}\n`);
    process.stdout.write(JSON.stringify({ ok: false, error: (err as Error).message }) + '\n');
    process.exit(2);
  },
);
