import type { Services } from '../../../services.js';
import { can, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import { actorForUser, loadUserRow } from '../../../platform/actor.js';
import { ImportFileError, readRecords } from '../import.files.js';
import { convertRow, type ConvertedRow } from '../import.rows.js';
import { processBatch, SeenRows, type BatchContext } from '../import.batch.js';
import { finishImport, findImport, markRunning, recordBatch, settlementIndex, type ImportRow } from '../import.queries.js';
import { importFilePath, removeFile } from '../import.storage.js';

/** Rows per transaction: a failure loses at most the batch in flight, which is then not reported as created. */
export const BATCH_SIZE = 500;

export interface RunImportJob { importId: string; hromadaId: number }

async function jobActor(services: Services, imp: ImportRow): Promise<Actor | null> {
  const user = await loadUserRow(services.db, imp.created_by);
  if (!user || !user.active) return null;
  const actor = await actorForUser(services.db, user, imp.hromada_id, 'session');
  return can(actor, 'registry.import') ? actor : null;
}

async function finish(services: Services, imp: ImportRow, actor: Actor | null, failure: string | null) {
  await services.db.tx({ hromadaId: imp.hromada_id, userId: imp.created_by }, async (c) => {
    await finishImport(c, imp.id, failure);
    const now = await findImport(c, imp.hromada_id, imp.id);
    await writeAudit(c, {
      hromadaId: imp.hromada_id, actorId: imp.created_by, actorLabel: actor?.displayName ?? null,
      action: imp.dry_run ? 'person.import.dryRun' : 'person.import', operation: 'write', entityType: 'person_import',
      entityId: imp.id, fields: Object.keys(imp.mapping ?? {}),
      reason: `sha256:${imp.file_sha256};rows:${now?.processed_rows ?? 0}/${imp.total_rows};created:${now?.created_count ?? 0};`
        + `duplicates:${now?.duplicate_count ?? 0};invalid:${now?.invalid_count ?? 0};warnings:${now?.warning_count ?? 0}`
        + (failure ? `;failed:${failure}` : ''),
      requestId: `import:${imp.id}`,
    });
  });
}

/**
 * Runs a queued import (the pg-boss job): streams the stored file, validates every row, reports
 * invalid rows and duplicates and registers the rest in batches of `BATCH_SIZE`, each batch in one
 * transaction together with its issues and progress. A dry run does the same work and rolls each
 * batch's registrations back. A run that stops midway keeps its committed batches (reported as
 * created) and is marked failed; a new run of the same file skips them as duplicates. A retried job
 * resumes after the last committed batch.
 */
export async function runImport(services: Services, job: RunImportJob): Promise<void> {
  const imp = await services.db.tx({ hromadaId: job.hromadaId }, (c) => findImport(c, job.hromadaId, job.importId));
  if (!imp || (imp.status !== 'queued' && imp.status !== 'running') || !imp.mapping) return;
  const actor = await jobActor(services, imp);
  if (!actor) return finish(services, imp, null, 'personsImport.failed.forbidden');
  const filePath = importFilePath(services, imp.id);
  const tenant = { hromadaId: imp.hromada_id, userId: imp.created_by };
  const settlements = await services.db.tx(tenant, async (c) => {
    await markRunning(c, imp.id);
    return settlementIndex(c, imp.hromada_id);
  });
  const ctx: BatchContext = {
    services, actor, hromadaId: imp.hromada_id, importId: imp.id, mapping: imp.mapping, confirm: imp.confirm_similar, seen: new SeenRows(),
    settlements,
  };
  const flush = async (batch: ConvertedRow[]) => services.db.tx(tenant, async (c) => {
    if (imp.dry_run) await c.query('SAVEPOINT dry_run');
    const { counts, issues } = await processBatch(c, ctx, batch);
    if (imp.dry_run) await c.query('ROLLBACK TO SAVEPOINT dry_run');
    await recordBatch(c, { id: imp.id, hromadaId: imp.hromada_id }, counts, issues, imp.header);
  });
  try {
    let dataRows = 0;
    let header = true;
    let batch: ConvertedRow[] = [];
    for await (const rec of readRecords(filePath, imp)) {
      if (header) { header = false; continue; }
      const row = convertRow(rec.rowNo, rec.cells, imp.mapping, settlements);
      dataRows++;
      if (dataRows <= imp.processed_rows) {
        if (row.ok) ctx.seen.check(row); // committed before a retry: only remembered for duplicates
        continue;
      }
      batch.push(row);
      if (batch.length >= BATCH_SIZE) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length) await flush(batch);
  } catch (e) {
    // Not rethrown: a database error's text may quote row values, and the job table keeps it.
    await finish(services, imp, actor, e instanceof ImportFileError ? e.key : 'personsImport.failed.internal');
    return;
  }
  await finish(services, imp, actor, null);
  if (!imp.dry_run) removeFile(filePath);
}
