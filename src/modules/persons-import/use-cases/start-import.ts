import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { Mapping } from '../import.fields.js';
import { mappingProblems, MappingRefused } from '../import.mapping.js';
import { queueImport } from '../import.queries.js';
import { IMPORT_QUEUE } from '../import.worker.js';
import { requireImport } from '../persons-import.policy.js';

/**
 * Queues a dry run or the import of an uploaded file with the chosen mapping. Allowed for a new
 * upload and after a dry run (the real run then replaces the dry run's report). A mapping that
 * does not fit the file is refused with `MappingRefused` (which carries the import, to show the page again).
 */
export async function startImport(
  o: UseCase<{ importId: string; mapping: Mapping; dryRun: boolean; confirm: boolean }>,
): Promise<void> {
  const hromadaId = await inTenant(o, 'registry.import', async ({ c, hromadaId, audit }) => {
    if (!o.services.jobs.isStarted) throw new AppError('unavailable');
    const imp = await requireImport(c, hromadaId, o.importId, true);
    if (!(imp.status === 'uploaded' || (imp.status === 'done' && imp.dry_run))) {
      throw new AppError('conflict', { messageKey: 'personsImport.alreadyStarted' });
    }
    const problems = mappingProblems(o.mapping, imp.header);
    if (problems.length) throw new MappingRefused(problems, imp);
    await queueImport(c, imp.id, { mapping: o.mapping, dryRun: o.dryRun, confirm: o.confirm });
    await audit({
      action: o.dryRun ? 'person.import.dryRun.start' : 'person.import.start',
      operation: 'write',
      entityType: 'person_import',
      entityId: imp.id,
      fields: Object.keys(o.mapping),
      reason: `sha256:${imp.file_sha256};rows:${String(imp.total_rows)};confirmSimilar:${String(o.confirm)}`,
    });
    return hromadaId;
  });
  await o.services.jobs.boss.send(IMPORT_QUEUE, { importId: o.importId, hromadaId });
}
