import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import type { Services } from '../../src/services.js';
import { hashPassword, passwordProblem } from '../../src/platform/passwords.js';
import { sha256Hex } from '../../src/platform/secrets.js';
import type { Role } from '../../src/platform/policy.js';
import { seedCatalogue } from './catalogue.js';

export const DEMO_HROMADA_CODE = 'UA44140110000056578'; // Старобільська міська громада
export const DEMO_STAFF = ['admin', 'manager', 'worker', 'frontdesk', 'starosta', 'provider', 'children'] as const;
export const DEMO_RESIDENT_EMAIL = 'resident@example.com';

export type DemoStaff = (typeof DEMO_STAFF)[number];

export interface DemoCredentials {
  password: string;
  totpSecret: string;
  /** The administrator's API token (`DEMO_API_TOKEN`), the same as `apiTokens.admin`. */
  apiToken: string;
  /** Every demo staff user's own API token by username, so each role's reach can be tried through the API. */
  apiTokens: Record<DemoStaff, string>;
}

/** Demo API tokens are valid for the longest term a token may have. */
export const DEMO_TOKEN_DAYS = 365;

const newToken = () => `tb_${crypto.randomBytes(24).toString('base64url')}`;

const DISPLAY: Record<DemoStaff, string> = {
  admin: 'Олена Адміністраторка',
  manager: 'Петро Начальник',
  worker: 'Ірина Соцпрацівниця',
  frontdesk: 'Марія Фронтофіс',
  starosta: 'Григорій Староста',
  provider: 'Наталія Терцентр',
  children: 'Оксана Служба-дітей',
};

/** Demo values come from the environment, or are generated once and kept in the data directory. */
export function demoCredentials(env: NodeJS.ProcessEnv, dataDir: string): DemoCredentials {
  const file = path.join(dataDir, 'demo-credentials.json');
  const saved = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}) as Partial<DemoCredentials>;
  const apiToken = env.DEMO_API_TOKEN || saved.apiToken || newToken();
  const apiTokens = Object.fromEntries(
    DEMO_STAFF.map((u) => [u, u === 'admin' ? apiToken : saved.apiTokens?.[u] || newToken()]),
  ) as Record<DemoStaff, string>;
  const creds: DemoCredentials = {
    password: env.DEMO_PASSWORD || saved.password || `Turbota-${crypto.randomBytes(6).toString('base64url')}`,
    totpSecret: env.DEMO_TOTP_SECRET || saved.totpSecret || authenticator.generateSecret(20),
    apiToken,
    apiTokens,
  };
  if (passwordProblem(creds.password)) throw new Error('DEMO_PASSWORD is too weak or too common');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}

/**
 * The demo tokens that work now (not revoked, not expired), by username, for the start-up message:
 * a token that was revoked or has expired, or one of a data directory older than per-user tokens, is not printed.
 */
export async function workingDemoTokens(
  services: Services,
  creds: DemoCredentials,
): Promise<Partial<Record<DemoStaff, string>>> {
  const h = await services.db.query<{ id: number }>('SELECT id FROM hromadas WHERE code = $1', [DEMO_HROMADA_CODE]);
  if (!h.rows[0]) return {};
  const byHash = new Map(DEMO_STAFF.map((u) => [sha256Hex(creds.apiTokens[u]), u] as const));
  const { rows } = await services.db.tx({ hromadaId: h.rows[0].id }, (c) =>
    c.query<{ token_hash: string }>(
      `SELECT token_hash FROM api_tokens WHERE token_hash = ANY($1) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [[...byHash.keys()]],
    ),
  );
  const working = new Set(rows.map((r) => byHash.get(r.token_hash)));
  return Object.fromEntries(DEMO_STAFF.filter((u) => working.has(u)).map((u) => [u, creds.apiTokens[u]]));
}

/**
 * Seeds the demo hromada (Старобільська, with its real settlements grouped into
 * starosta districts), agencies, the demo staff and resident. Runs once, on an
 * empty database; returns false when there was nothing to do.
 */
export async function seedDemo(services: Services, creds: DemoCredentials): Promise<boolean> {
  const { db } = services;
  const existing = await db.query('SELECT 1 FROM users LIMIT 1');
  if (existing.rowCount) return false;

  // The issuing body of its decisions (the administrator changes it on «Реквізити органу, що ухвалює рішення»).
  const issuer = {
    council: 'Старобільська міська рада',
    department: 'Управління соціального захисту населення',
    officialPosition: 'Начальник управління',
  };
  const h = await db.query<{ id: number }>(
    `UPDATE hromadas SET active = true, activated_at = now(), settings = jsonb_set(settings, '{issuer}', $2::jsonb)
     WHERE code = $1 RETURNING id`,
    [DEMO_HROMADA_CODE, JSON.stringify(issuer)],
  );
  const hromadaId = h.rows[0].id;
  const pwHash = await hashPassword(creds.password);
  const totp = services.box.seal(creds.totpSecret);

  await db.tx({ hromadaId }, async (c) => {
    const settlements = (
      await c.query<{ code: string; name: string; category: string }>(
        `SELECT code, name, category FROM settlements WHERE hromada_code = $1 ORDER BY code`,
        [DEMO_HROMADA_CODE],
      )
    ).rows;
    // The city itself, then villages in four districts of roughly equal size (by codifier order).
    const city = settlements.filter((s) => s.category === 'M');
    const villages = settlements.filter((s) => s.category !== 'M');
    const groups: { name: string; codes: string[] }[] = [
      { name: 'Місто Старобільськ', codes: city.map((s) => s.code) },
    ];
    const size = Math.ceil(villages.length / 4);
    for (let i = 0; i < villages.length; i += size) {
      const part = villages.slice(i, i + size);
      groups.push({ name: `Старостинський округ «${part[0].name}»`, codes: part.map((s) => s.code) });
    }
    const districtIds: number[] = [];
    for (const g of groups) {
      const d = await c.query<{ id: number }>('INSERT INTO districts (hromada_id, name) VALUES ($1, $2) RETURNING id', [
        hromadaId,
        g.name,
      ]);
      districtIds.push(d.rows[0].id);
      await c.query(
        `INSERT INTO district_settlements (hromada_id, district_id, settlement_code) SELECT $1, $2, unnest($3::text[])`,
        [hromadaId, d.rows[0].id, g.codes],
      );
    }
    const agencies: Record<string, number> = {};
    for (const [key, name, kind] of [
      ['uszn', 'Управління соціального захисту населення', 'department'],
      ['tercentr', 'Територіальний центр соціального обслуговування', 'provider'],
      ['css', 'Центр соціальних служб', 'provider'],
      ['ssd', 'Служба у справах дітей', 'department'],
    ]) {
      const a = await c.query<{ id: number }>(
        'INSERT INTO agencies (hromada_id, name, kind) VALUES ($1, $2, $3) RETURNING id',
        [hromadaId, name, kind],
      );
      agencies[key] = a.rows[0].id;
    }
    for (const username of DEMO_STAFF) {
      const u = await c.query<{ id: string }>(
        `INSERT INTO users (kind, username, display_name, password_hash, totp_secret, totp_enabled_at, is_superadmin,
           home_hromada_id, password_changed_at)
         VALUES ('staff', $1, $2, $3, $4, now(), $5, $6, now()) RETURNING id`,
        [username, DISPLAY[username], pwHash, totp, username === 'admin', hromadaId],
      );
      const role: Role = username;
      const scope =
        username === 'starosta'
          ? { district: districtIds[1] ?? null, agency: null }
          : username === 'provider'
            ? { district: null, agency: agencies.tercentr }
            : username === 'children'
              ? { district: null, agency: agencies.ssd }
              : { district: null, agency: null };
      await c.query(
        'INSERT INTO grants (hromada_id, user_id, role, agency_id, district_id) VALUES ($1, $2, $3, $4, $5)',
        [hromadaId, u.rows[0].id, role, scope.agency, scope.district],
      );
      // Every demo user gets its own token (the administrator's is DEMO_API_TOKEN): the API then
      // answers each with what that user's role may do, as the pages do.
      const token = username === 'admin' ? creds.apiToken : creds.apiTokens[username];
      await c.query(
        `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix, expires_at)
         VALUES ($1, $2, 'Демо-токен', $3, $4, now() + make_interval(days => $5))`,
        [hromadaId, u.rows[0].id, sha256Hex(token), token.slice(0, 7), DEMO_TOKEN_DAYS],
      );
    }
    await c.query(
      `INSERT INTO users (kind, email, display_name, password_hash, email_verified_at, password_changed_at)
       VALUES ('resident', $1, 'Тарас Мешканець', $2, now(), now())`,
      [DEMO_RESIDENT_EMAIL, pwHash],
    );
    await seedCatalogue(c, hromadaId, agencies);
  });
  return true;
}
