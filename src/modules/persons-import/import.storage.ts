import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../../services.js';
import { isUuid } from '../../platform/ids.js';

/** Uploaded files live outside the web root, under DATA_DIR/uploads/person-imports/, named by the import id. */
export function uploadDir(services: Pick<Services, 'config'>): string {
  return path.join(services.config.dataDir, 'uploads', 'person-imports');
}

export function importFilePath(services: Pick<Services, 'config'>, importId: string): string {
  if (!isUuid(importId)) throw new Error('bad import id');
  return path.join(uploadDir(services), `${importId}.upload`);
}

export function removeFile(p: string) {
  fs.rmSync(p, { force: true });
}
