/**
 * `npm run keys:rotate` — re-seals every encrypted value (РНОКПП, УНЗР, document numbers, TOTP
 * secrets) with the current key, i.e. the first one in ENCRYPTION_KEYS. Keep the old key listed
 * until this has finished; it can be run again safely (values already under the current key are
 * skipped). Uses DATABASE_URL, or the embedded database in DATA_DIR like `npm start`.
 */
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';
import { buildServices } from '../services.js';
import { rotateSealedValues } from '../platform/key-rotation.js';

const config = loadConfig();
const database = await openDatabase(config);
const services = buildServices(config, { ownerUrl: database.ownerUrl, appUrl: database.appUrl });
try {
  const counts = await rotateSealedValues(services.db, services.box);
  for (const [column, n] of Object.entries(counts)) process.stdout.write(`${column}: перешифровано ${n}\n`);
  process.stdout.write(`${JSON.stringify({ currentKey: services.box.currentKeyId, resealed: counts })}\n`);
} finally {
  await services.db.end();
  await database.stop();
}
