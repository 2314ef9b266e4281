import fs from 'node:fs';
import { authorize } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { scanFile } from '../import.files.js';
import { insertImport } from '../import.queries.js';
import { importFilePath, removeFile } from '../import.storage.js';

export interface ReceivedFile {
  tmpPath: string;
  sha256: string;
  size: number;
}

/**
 * Accepts an uploaded file: reads it once to learn its format, encoding, header and row count
 * (a file that is not a readable table throws a `ValidationError` of the `file` field and is
 * deleted), then records the import (no personal data: hash, size, format, header) and keeps the
 * file under the import's id. The file is read before the transaction opens.
 */
export async function uploadImportFile(o: UseCase<{ file: ReceivedFile }>): Promise<string> {
  authorize(o.actor, 'registry.import');
  try {
    const info = await scanFile(o.file.tmpPath);
    return await inTenant(o, 'registry.import', async ({ c, actor, hromadaId, audit }) => {
      const id = await insertImport(c, {
        hromadaId,
        userId: actor.userId,
        sha256: o.file.sha256,
        size: o.file.size,
        info,
      });
      await audit({
        action: 'person.import.upload',
        operation: 'write',
        entityType: 'person_import',
        entityId: id,
        fields: [],
        reason: `sha256:${o.file.sha256};format:${info.format};encoding:${info.encoding ?? '-'};rows:${String(info.totalRows)}`,
      });
      await fs.promises.rename(o.file.tmpPath, importFilePath(o.services, id));
      return id;
    });
  } finally {
    removeFile(o.file.tmpPath);
  }
}
