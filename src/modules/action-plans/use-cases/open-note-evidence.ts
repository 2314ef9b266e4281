import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/ids.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { storedPath } from '../../cabinet/cabinet.files.js';
import { loadNote } from '../action-plans.queries.js';
import { requireTask } from '../action-plans.policy.js';

/** The evidence file of a task's progress note (its stored copy, outside the web root). */
export async function openNoteEvidence(o: UseCase<{ planId: string; taskId: string; noteId: string }>) {
  const note = await inTenant(o, 'plans.read', async ({ c, hromadaId }) => {
    const { task } = await requireTask(c, hromadaId, o.planId, o.taskId);
    if (!isUuid(o.noteId)) throw new AppError('not_found');
    const n = await loadNote(c, hromadaId, Number(task.id), o.noteId);
    if (!n?.storage_key || !n.file_name || !n.content_type) throw new AppError('not_found');
    return { fileName: n.file_name, contentType: n.content_type, key: n.storage_key };
  });
  return { ...note, stream: fs.createReadStream(storedPath(o.services, 'plans', note.key)) };
}
