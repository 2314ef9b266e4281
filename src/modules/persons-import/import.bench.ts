import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import { actorForUser, loadUserRow } from '../../platform/actor.js';
import { guessMapping } from './import.fields.js';
import { csvText, SAMPLE_HEADER, sampleCells, sampleRow } from './import.sample.js';
import { uploadDir } from './import.storage.js';
import { grantHromadas, importProgress, userIdByUsername } from './import.queries.js';
import { uploadImportFile } from './use-cases/upload-import-file.js';
import { startImport } from './use-cases/start-import.js';

export interface ImportBenchmark {
  rows: number;
  seconds: number;
  created: number;
  status: string;
}

/**
 * Generates a realistic CSV of `rows` persons (UTF-8, `;`) and runs it through the real import
 * path — upload check, queued pg-boss job, validation, duplicate checks, registration with audit —
 * as `username` (a manager or worker of the hromada) and returns the wall time until the job ends.
 * Needs the services' jobs started (`services.jobs.start()`) and the app created (which registers the worker).
 */
export async function runImportBenchmark(
  services: Services,
  rows: number,
  o: { username?: string; hromadaId?: number; offset?: number } = {},
): Promise<ImportBenchmark> {
  const userId = await userIdByUsername(services.db.pool, o.username ?? 'manager');
  const user = userId ? await loadUserRow(services.db, userId) : null;
  if (!user) throw new Error('benchmark user not found');
  const hromadaId = o.hromadaId ?? (await grantHromadas(services.db.pool, user.id))[0];
  if (hromadaId === undefined) throw new Error('benchmark user has no grant');
  const actor = await actorForUser(services.db, user, hromadaId, 'session');
  await fs.promises.mkdir(uploadDir(services), { recursive: true });
  const tmpPath = path.join(uploadDir(services), `tmp-bench-${crypto.randomUUID()}`);
  const out = fs.createWriteStream(tmpPath);
  const hash = crypto.createHash('sha256');
  const write = (s: string) => {
    hash.update(s);
    return out.write(s)
      ? Promise.resolve()
      : new Promise<void>((r) => {
          out.once('drain', () => {
            r();
          });
        });
  };
  await write('\uFEFF' + csvText([SAMPLE_HEADER]));
  const from = o.offset ?? 0;
  for (let i = 0; i < rows; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, rows - i) }, (_, k) => sampleCells(sampleRow(from + i + k)));
    await write(csvText(chunk));
  }
  await new Promise<void>((r) => {
    out.end(() => {
      r();
    });
  });
  const size = (await fs.promises.stat(tmpPath)).size;
  const began = process.hrtime.bigint();
  const meta = { ip: '127.0.0.1', requestId: 'benchmark' };
  const id = await uploadImportFile({ services, actor, meta, file: { tmpPath, sha256: hash.digest('hex'), size } });
  await startImport({
    services,
    actor,
    importId: id,
    mapping: guessMapping(SAMPLE_HEADER),
    dryRun: false,
    confirm: false,
    meta,
  });
  for (;;) {
    const st = await services.db.tx({ hromadaId }, (c) => importProgress(c, id));
    if (st.status === 'done' || st.status === 'failed') {
      return {
        rows,
        seconds: Number(process.hrtime.bigint() - began) / 1e9,
        created: st.created_count,
        status: st.status,
      };
    }
    await new Promise((res) => setTimeout(res, 200));
  }
}
