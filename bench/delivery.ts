/**
 * Service-delivery benchmark (issue 12): `npm run bench:delivery -- [--size full|medium|small]`.
 * Generates in one hromada (bench/delivery-data.ts): 2,000 providers, 200,000 recipients and 10,000,000 service
 * acts over two years at full size; `medium` is 1/10, `small` 1/100 (about a minute). The data directory
 * (bench-data/delivery-<size>) is reused by the next run.
 * Prints its figures last as one line of JSON.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from './data/names.js';
import { openBenchDemo } from './demo-db.js';
import { generateDelivery } from './delivery-data.js';
import { generatePersons, insertPersonsBatch, type GeneratedPerson } from './generate.js';

const SIZES = { full: 1, medium: 10, small: 100 } as const;
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    'data-dir': { type: 'string' },
  },
});
if (!(values.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const SIZE = values.size as keyof typeof SIZES;
const DIV = SIZES[SIZE];
const N = { providers: 2_000 / DIV, recipients: 200_000 / DIV, acts: 10_000_000 / DIV };
const dataDir = path.resolve(values['data-dir'] ?? `bench-data/delivery-${SIZE}`);
const log = (m: string) => process.stderr.write(`${m}\n`);

const { pgServer, owner, services, hromadaId, districtOf, settlementCodes } = await openBenchDemo(dataDir, 56300);
const count = async (table: string) =>
  Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

// 1. Recipients (the registry's encodings); reused when present.
const rnd = seededRandom(12);
const havePersons = await count('persons');
if (havePersons < N.recipients) {
  log(`generating ${N.recipients - havePersons} persons…`);
  let batch: GeneratedPerson[] = [];
  const flush = async () => {
    const b = batch;
    await services.db.tx({ hromadaId }, (c) => insertPersonsBatch(c, services, hromadaId, districtOf, b, rnd));
    batch = [];
  };
  for (const p of generatePersons(N.recipients - havePersons, settlementCodes, havePersons + 1)) {
    batch.push(p);
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
}

// 2. Providers, staff, cases, plans, assignments, acts; reused when present.
let generateS: number | null = null;
if ((await count('service_acts')) === 0) {
  const t0 = performance.now();
  log('generating providers, assignments and acts…');
  await generateDelivery(owner, hromadaId, N);
  generateS = Math.round((performance.now() - t0) / 100) / 10;
} else log(`reusing the data in ${dataDir}`);
const acts = await count('service_acts');

await owner.end();
await services.db.end();
await pgServer.stop();
const result = {
  size: SIZE,
  providers: N.providers,
  recipients: N.recipients,
  acts,
  generate_s: generateS,
  load_avg_1m: Math.round(os.loadavg()[0] * 100) / 100,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
