import fs from 'node:fs';
import { auditWriter } from '../../../platform/audit.js';
import type { UseCase } from '../../../platform/use-case.js';
import { requireResident, withOwnApplication } from '../../cabinet/cabinet.policy.js';
import { storedPath } from '../../cabinet/cabinet.files.js';
import type { MessageFileRow } from '../messages.queries.js';
import { requireMessageFile } from '../messages.policy.js';

/**
 * A file the resident sent with a message on one of their own applications (another resident's
 * application, a file of another application or one not sent with a message → 404); the download
 * is audited. The office downloads the same file from the application's documents
 * (`/applications/:id/documents/:documentId`, with its own reach check and audit).
 */
export async function openResidentMessageFile(
  o: UseCase<{ id: string; documentId: string }>,
): Promise<{ file: MessageFileRow; stream: fs.ReadStream }> {
  const actor = requireResident(o.actor);
  const file = await withOwnApplication(o.services, actor, o.id, false, async (c, a, hromadaId) => {
    const f = await requireMessageFile(c, a.id, o.documentId);
    await auditWriter(c, actor, o.meta, { hromadaId })({
      action: 'messages.file.download',
      operation: 'read',
      entityType: 'application',
      entityId: a.id,
      fields: ['document'],
    });
    return f;
  });
  return { file, stream: fs.createReadStream(storedPath(o.services, 'applications', file.storage_key)) };
}
