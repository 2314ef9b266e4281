import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { FormProblem, type Problem } from '../../admin/form.js';
import { REQUIRED_FIELDS, TARGET_FIELDS, type Mapping } from '../import.fields.js';
import { findImport, queueImport } from '../import.queries.js';
import { IMPORT_QUEUE } from '../import.worker.js';

/** Checks a mapping against the file's header: required fields mapped, each column used once, household columns together. */
export function mappingProblems(mapping: Mapping, header: string[]): Problem[] {
  const problems: Problem[] = [];
  const used = new Map<number, string>();
  for (const f of TARGET_FIELDS) {
    const col = mapping[f];
    if (col === undefined) {
      if (REQUIRED_FIELDS.includes(f)) problems.push({ field: `map_${f}`, key: `personsImport.mapping.required.${f}` });
      continue;
    }
    if (!Number.isInteger(col) || col < 0 || col >= header.length) problems.push({ field: `map_${f}`, key: 'personsImport.mapping.noColumn' });
    else if (used.has(col)) problems.push({ field: `map_${f}`, key: 'personsImport.mapping.twice' });
    else used.set(col, f);
  }
  if (mapping.householdKey !== undefined && mapping.relation === undefined) {
    problems.push({ field: 'map_relation', key: 'personsImport.mapping.householdRelation' });
  }
  if (mapping.relation !== undefined && mapping.householdKey === undefined) {
    problems.push({ field: 'map_householdKey', key: 'personsImport.mapping.householdKey' });
  }
  return problems;
}

/**
 * Queues a dry run or the import of an uploaded file with the chosen mapping. Allowed for a new
 * upload and after a dry run (the real run then replaces the dry run's report).
 */
export async function startImport(o: {
  services: Services; actor: Actor | null; importId: string; mapping: Mapping; dryRun: boolean; confirm: boolean; meta: RequestMeta;
}): Promise<void> {
  authorize(o.actor, 'registry.import');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  if (!o.services.jobs.isStarted) throw new AppError('unavailable');
  await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const imp = await findImport(c, hromadaId, o.importId, true);
    if (!imp) throw new AppError('not_found');
    if (!(imp.status === 'uploaded' || (imp.status === 'done' && imp.dry_run))) {
      throw new AppError('conflict', { messageKey: 'personsImport.alreadyStarted' });
    }
    const problems = mappingProblems(o.mapping, imp.header);
    if (problems.length) throw new FormProblem(problems);
    await queueImport(c, imp.id, { mapping: o.mapping, dryRun: o.dryRun, confirm: o.confirm });
    await writeAudit(c, {
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: o.dryRun ? 'person.import.dryRun.start' : 'person.import.start',
      operation: 'write', entityType: 'person_import', entityId: imp.id, fields: Object.keys(o.mapping),
      reason: `sha256:${imp.file_sha256};rows:${imp.total_rows};confirmSimilar:${o.confirm}`, ip: o.meta.ip, requestId: o.meta.requestId,
    });
  });
  await o.services.jobs.boss.send(IMPORT_QUEUE, { importId: o.importId, hromadaId });
}
