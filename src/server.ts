import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/database.js';
import { migrate } from './platform/migrate.js';
import { buildAssets } from './platform/assets.js';
import { buildServices, type Services } from './services.js';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import { importKatottg } from '../db/seed/katottg.js';
import { demoCredentials, seedDemo, workingDemoTokens, DEMO_STAFF, DEMO_RESIDENT_EMAIL } from '../db/seed/demo.js';
import { seedDemoRegistry } from '../db/seed/demo-registry.js';
import pg from 'pg';

/** Entry point: config → database (embedded or DATABASE_URL) → migrations → seed → app → listen. */
async function main() {
  const config = loadConfig();
  await buildAssets();
  const database = await openDatabase(config);
  // Filled as the start proceeds, so a signal during the start stops what is already running.
  const running: { services?: Services; app?: FastifyInstance } = {};
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    try {
      await running.app?.close();
      await running.services?.jobs.stop();
      await running.services?.db.end();
    } finally {
      await database.stop();
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  await migrate(database.ownerUrl, config.APP_DATABASE_ROLE);
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  const { rows } = await owner.query<{ n: string }>('SELECT count(*) AS n FROM settlements');
  if (rows[0].n === '0') await importKatottg(owner);
  await owner.end();

  const services = buildServices(config, { ownerUrl: database.ownerUrl, appUrl: database.appUrl });
  running.services = services;
  await services.jobs.start();
  const demo = database.embedded || config.DEMO === '1';
  let creds = null;
  if (demo) {
    creds = demoCredentials(process.env, config.dataDir);
    if (await seedDemo(services, creds)) await seedDemoRegistry(services);
  }
  const app = await createApp(services);
  running.app = app;
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const lines = [``, `Турбота працює: ${url}`];
  if (creds) {
    const tokens = await workingDemoTokens(services, creds);
    lines.push(
      `Демо-вхід для працівників (${url}/login): ${DEMO_STAFF.join(', ')}`,
      `  пароль: ${creds.password}`,
      `  TOTP-секрет (base32) для застосунку-автентифікатора: ${creds.totpSecret}`,
      `Мешканець (${url}/resident/login): ${DEMO_RESIDENT_EMAIL}, пароль той самий`,
      ...(tokens.admin ? [`API-токен адміністратора (DEMO_API_TOKEN): ${tokens.admin}`] : []),
    );
    const others = DEMO_STAFF.filter((u) => u !== 'admin' && tokens[u]);
    if (others.length) {
      lines.push(
        `API-токени інших демо-користувачів (${url}/api/v1, заголовок Authorization: Bearer …; кожен може те, що його роль):`,
        ...others.map((u) => `  ${u}: ${tokens[u]}`),
      );
    }
    lines.push(`Зупинити: Ctrl-C`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`Не вдалося запустити Турботу: ${(err as Error).message}\n`);
  process.exit(1);
});
