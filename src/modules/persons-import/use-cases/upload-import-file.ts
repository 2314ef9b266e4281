import fs from 'node:fs';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { scanFile } from '../import.files.js';
import { insertImport } from '../import.queries.js';
import { importFilePath, removeFile } from '../import.storage.js';

export interface ReceivedFile { tmpPath: string; sha256: string; size: number }

/**
 * Accepts an uploaded file: reads it once to learn its format, encoding, header and row count
 * (a file that is not a readable table throws `ImportFileError` and is deleted), then records the
 * import (no personal data: hash, size, format, header) and keeps the file under the import's id.
 */
export async function uploadImportFile(o: { services: Services; actor: Actor | null; file: ReceivedFile; meta: RequestMeta })
  : Promise<string> {
  authorize(o.actor, 'registry.import');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  try {
    const info = await scanFile(o.file.tmpPath);
    return await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const id = await insertImport(c, { hromadaId, userId: actor.userId, sha256: o.file.sha256, size: o.file.size, info });
      await writeAudit(c, {
        hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: 'person.import.upload', operation: 'write',
        entityType: 'person_import', entityId: id, fields: [],
        reason: `sha256:${o.file.sha256};format:${info.format};encoding:${info.encoding ?? '-'};rows:${info.totalRows}`,
        ip: o.meta.ip, requestId: o.meta.requestId,
      });
      await fs.promises.rename(o.file.tmpPath, importFilePath(o.services, id));
      return id;
    });
  } finally {
    removeFile(o.file.tmpPath);
  }
}
