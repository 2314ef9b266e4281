import type { Services } from '../../../services.js';
import { can, type Actor } from '../../../platform/policy.js';
import { auditWriter, writeAudit, type AuditRecord } from '../../../platform/audit.js';
import { actorForUser, loadUserRow } from '../../../platform/actor.js';
import type { UseCase } from '../../../platform/use-case.js';
import { fileProblemKey, readRecords } from '../import.files.js';
import { convertRow } from '../import.rows.js';
import {
  prepareRow,
  processBatch,
  registryDuplicates,
  SeenRows,
  type BatchContext,
  type BatchRow,
  type ReadyRow,
} from '../import.batch.js';
import { createHouseholds, HouseholdPlan } from '../import.households.js';
import { NameEncoder } from '../import.names.js';
import {
  finishImport,
  findImport,
  markRunning,
  recordBatch,
  recordHouseholds,
  rollbackDryRun,
  settlementIndex,
  startDryRun,
  type ImportRow,
} from '../import.queries.js';
import { importFilePath, removeFile } from '../import.storage.js';

/** Rows per transaction: a failure loses at most the batch in flight, which is then not reported as created. */
export const BATCH_SIZE = 500;

export interface RunImportJob {
  importId: string;
  hromadaId: number;
}

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
    const meta = { requestId: `import:${imp.id}` };
    // The entry names the user who started the run, also when they may no longer import (then without a label).
    const audit = actor
      ? auditWriter(c, actor, meta, { hromadaId: imp.hromada_id })
      : (e: AuditRecord) =>
          writeAudit(c, { ...e, hromadaId: imp.hromada_id, actorId: imp.created_by, actorLabel: null, ...meta });
    const n = (v: number | undefined) => String(v ?? 0);
    await audit({
      action: imp.dry_run ? 'person.import.dryRun' : 'person.import',
      operation: 'write',
      entityType: 'person_import',
      entityId: imp.id,
      fields: Object.keys(imp.mapping ?? {}),
      reason:
        `sha256:${imp.file_sha256};rows:${n(now?.processed_rows)}/${String(imp.total_rows)};created:${n(now?.created_count)};` +
        `duplicates:${n(now?.duplicate_count)};invalid:${n(now?.invalid_count)};warnings:${n(now?.warning_count)}` +
        (imp.mapping?.householdKey !== undefined ? `;households:${n(now?.household_created_count)}` : '') +
        (failure ? `;failed:${failure}` : ''),
    });
  });
}

/**
 * Runs a queued import (the pg-boss job): streams the stored file, validates every row, reports
 * invalid rows and duplicates and registers the rest in batches of `BATCH_SIZE`, each batch in one
 * transaction together with its issues and progress; the next batch is read, checked and sealed
 * while the database works on the previous one. Then, when the file has household columns, its
 * households are checked and created in one more transaction. A dry run does the same work and
 * rolls each batch's registrations back (and creates no household). A run that stops midway keeps
 * its committed batches (reported as created) and no household, and is marked failed; a new run
 * of the same file skips the persons as duplicates and creates the households. A retried job
 * resumes after the last committed batch.
 */
export async function runImport(o: UseCase<{ job: RunImportJob }>): Promise<void> {
  const { services, job } = o;
  const imp = await services.db.tx({ hromadaId: job.hromadaId }, (c) => findImport(c, job.hromadaId, job.importId));
  if (!imp || (imp.status !== 'queued' && imp.status !== 'running') || !imp.mapping) return;
  const actor = await jobActor(services, imp);
  if (!actor) return finish(services, imp, null, 'personsImport.failed.forbidden');
  const filePath = importFilePath(services, imp.id);
  const tenant = { hromadaId: imp.hromada_id, userId: imp.created_by };
  const at = { id: imp.id, hromadaId: imp.hromada_id };
  const settlements = await services.db.tx(tenant, async (c) => {
    await markRunning(c, imp.id);
    return settlementIndex(c, imp.hromada_id);
  });
  const households = imp.mapping.householdKey !== undefined ? new HouseholdPlan(imp.mapping) : null;
  const ctx: BatchContext = {
    actor,
    hromadaId: imp.hromada_id,
    importId: imp.id,
    mapping: imp.mapping,
    confirm: imp.confirm_similar,
    seen: new SeenRows(),
    settlements,
    households,
  };
  const names = new NameEncoder();
  const flush = (batch: BatchRow[]) =>
    services.db.tx(tenant, async (c) => {
      if (imp.dry_run) await startDryRun(c);
      const { counts, issues } = await processBatch(c, ctx, batch);
      if (imp.dry_run) await rollbackDryRun(c);
      await recordBatch(c, at, counts, issues, imp.header);
    });
  let inFlight: Promise<void> | null = null;
  const resumed: ReadyRow[] = [];
  try {
    let dataRows = 0;
    let header = true;
    let batch: BatchRow[] = [];
    for await (const rec of readRecords(filePath, imp)) {
      if (header) {
        header = false;
        continue;
      }
      const row = convertRow(rec.rowNo, rec.cells, imp.mapping, settlements, names);
      dataRows++;
      if (row.household) households?.add(row.rowNo, row.household, row.ok ? (row.input.settlementCode ?? null) : null);
      if (dataRows <= imp.processed_rows) {
        // Committed before a retry: only remembered for duplicates (and found again for its household).
        const earlier = row.ok ? ctx.seen.check(row) : null;
        if (earlier !== null) households?.repeat(row.rowNo, earlier);
        else if (row.ok && households) resumed.push(prepareRow(services, row) as ReadyRow);
        continue;
      }
      batch.push(prepareRow(services, row));
      // Let the batch in flight take its next statement (the file's rows arrive without an I/O turn in between).
      if (inFlight && batch.length % 5 === 0) await new Promise((r) => setImmediate(r));
      if (batch.length >= BATCH_SIZE) {
        // One batch in the database at a time, in file order; reading goes on meanwhile.
        if (inFlight) await inFlight;
        inFlight = flush(batch);
        inFlight.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
        batch = [];
      }
    }
    if (inFlight) await inFlight;
    inFlight = null;
    if (batch.length) await flush(batch);
    if (households && !households.empty) {
      await services.db.tx(tenant, async (c) => {
        if (resumed.length) {
          const found = await registryDuplicates(c, imp.hromada_id, resumed);
          resumed.forEach((r, i) => {
            const id = found[i].id;
            if (id) households.resolve(r.rowNo, id);
          });
        }
        const { counts, issues } = await createHouseholds(c, {
          actor,
          hromadaId: imp.hromada_id,
          importId: imp.id,
          plan: households,
          dryRun: imp.dry_run,
        });
        await recordHouseholds(c, at, counts, issues, imp.header);
      });
    }
  } catch (e) {
    if (inFlight) await inFlight.catch(() => {});
    // Not rethrown: a database error's text may quote row values, and the job table keeps it.
    await finish(services, imp, actor, fileProblemKey(e) ?? 'personsImport.failed.internal');
    return;
  }
  await finish(services, imp, actor, null);
  if (!imp.dry_run) removeFile(filePath);
}
