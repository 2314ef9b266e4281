import type { Services } from '../src/services.js';
import { runImportBenchmark } from '../src/modules/persons-import/import.bench.js';

/** The 100k-row CSV through the real import path (upload → mapping → pg-boss job), timed. */
export async function runImportStep(
  services: Services,
  rows: number,
): Promise<{ rows: number; seconds: number } | null> {
  if (!services.jobs.isStarted) await services.jobs.start();
  const r = await runImportBenchmark(services, rows, { username: 'manager' });
  return { rows: r.rows, seconds: Math.round(r.seconds * 10) / 10 };
}
