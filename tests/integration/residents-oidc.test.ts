import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { HttpClient, type Res } from '../helpers/http.js';

let t: TestApp;
let op: TestOidcProvider;
beforeAll(async () => {
  op = await startOidcProvider();
  t = await startTestApp({
    env: {
      OIDC_ISSUER: op.issuer,
      OIDC_CLIENT_ID: op.clientId,
      OIDC_CLIENT_SECRET: op.clientSecret,
      OIDC_NAME: 'Тест-ID',
    },
  });
  await op.useRedirectUri(`${t.baseUrl}/resident/oidc/callback`);
});
afterAll(async () => {
  await t?.close();
  await op?.close();
});

/** Starts at Turbota, follows the provider's redirects with its own cookie jar, and returns Turbota's callback answer. */
async function oidcLogin(app: HttpClient): Promise<Res> {
  const start = await app.get('/resident/oidc/start');
  expect(start.status).toBe(303);
  const provider = new HttpClient(op.issuer);
  let location = new URL(start.location!);
  expect(location.origin).toBe(op.issuer);
  const params = location.searchParams;
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('state')).toBeTruthy();
  expect(params.get('nonce')).toBeTruthy();
  for (let i = 0; i < 10; i++) {
    if (location.origin === t.baseUrl) return app.get(location.pathname + location.search);
    const res = await provider.get(location.pathname + location.search);
    if (!res.location) throw new Error(`provider answered ${res.status}: ${res.text.slice(0, 300)}`);
    location = new URL(res.location, location);
  }
  throw new Error('too many redirects');
}

const identities = (sub: string) =>
  t.owner<{ user_id: string; claims: Record<string, unknown> }>(
    'SELECT user_id, claims FROM user_identities WHERE issuer = $1 AND subject = $2',
    [op.issuer, sub],
  );

describe('resident sign-in through OpenID Connect', () => {
  it('shows the provider link on the login page', async () => {
    const page = await t.client().get('/resident/login');
    expect(page.text).toContain('Увійти через Тест-ID');
    expect(page.text).toContain('href="/resident/oidc/start"');
  });

  it('creates a resident on the first login and reuses it on the second', async () => {
    op.mode = 'allow';
    op.account = {
      sub: 'new-person',
      email: 'New.Person@example.com',
      email_verified: true,
      name: 'Марко Новий',
      rnokpp: '1234567890',
    };
    const c = t.client();
    const res = await oidcLogin(c);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/cabinet');
    const cabinet = await c.follow(res);
    expect(cabinet.text).toContain('Вітаємо, Марко Новий');
    expect(cabinet.text).toContain('Тест-ID');

    const ids = await identities('new-person');
    expect(ids.rowCount).toBe(1);
    const claims = ids.rows[0].claims;
    expect(claims.sub).toBe('new-person');
    expect(claims.email).toBe('new.person@example.com');
    expect(JSON.stringify(claims)).not.toContain('1234567890');
    expect(claims.rnokpp_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(t.services.box.open(String(claims.rnokpp_sealed))).toBe('1234567890');
    const user = (
      await t.owner<{ kind: string; email_verified_at: Date | null; password_hash: string | null }>(
        'SELECT kind, email_verified_at, password_hash FROM users WHERE id = $1',
        [ids.rows[0].user_id],
      )
    ).rows[0];
    expect(user.kind).toBe('resident');
    expect(user.email_verified_at).not.toBeNull();
    expect(user.password_hash).toBeNull();

    const second = t.client();
    expect((await oidcLogin(second)).location).toBe('/cabinet');
    expect((await t.owner("SELECT 1 FROM users WHERE lower(email) = 'new.person@example.com'")).rowCount).toBe(1);
    const actions = (
      await t.owner<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [
        ids.rows[0].user_id,
      ])
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['resident.oidc_create', 'resident.oidc_login']);
  });

  it('links to an existing resident whose address the provider has verified', async () => {
    op.mode = 'allow';
    op.account = { sub: 'demo-resident-sub', email: 'resident@example.com', email_verified: true, name: 'Інше Ім’я' };
    const before = (
      await t.owner<{ id: string; display_name: string }>(
        "SELECT id, display_name FROM users WHERE email = 'resident@example.com'",
      )
    ).rows[0];
    const res = await oidcLogin(t.client());
    expect(res.location).toBe('/cabinet');
    const ids = await identities('demo-resident-sub');
    expect(ids.rows[0].user_id).toBe(before.id);
    const after = (
      await t.owner<{ display_name: string; password_hash: string | null }>(
        'SELECT display_name, password_hash FROM users WHERE id = $1',
        [before.id],
      )
    ).rows[0];
    expect(after.display_name).toBe(before.display_name);
    expect(after.password_hash).not.toBeNull();
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'resident.oidc_link'", [
      before.id,
    ]);
    expect(audit.rowCount).toBe(1);
  });

  it('takes a never-verified account over only after wiping its password and sessions (no pre-hijacking)', async () => {
    await t.owner(
      `INSERT INTO users (kind, email, display_name, password_hash) VALUES ('resident', 'victim@example.com', 'Hijacker', 'x')`,
    );
    const victim = (await t.owner<{ id: string }>("SELECT id FROM users WHERE email = 'victim@example.com'")).rows[0]
      .id;
    await t.owner(
      `INSERT INTO sessions (id_hash, user_id, mfa_passed, expires_at) VALUES ('h-victim', $1, true, now() + interval '1 hour')`,
      [victim],
    );
    op.account = { sub: 'victim-sub', email: 'victim@example.com', email_verified: true, name: 'Справжня Власниця' };
    expect((await oidcLogin(t.client())).location).toBe('/cabinet');
    const row = (
      await t.owner<{ password_hash: string | null; email_verified_at: Date | null }>(
        'SELECT password_hash, email_verified_at FROM users WHERE id = $1',
        [victim],
      )
    ).rows[0];
    expect(row.password_hash).toBeNull();
    expect(row.email_verified_at).not.toBeNull();
    expect((await t.owner("SELECT 1 FROM sessions WHERE id_hash = 'h-victim'")).rowCount).toBe(0);
  });

  it('does not link by an unverified e-mail claim', async () => {
    op.account = { sub: 'sneaky', email: 'resident@example.com', email_verified: false, name: 'Хтось' };
    const res = await oidcLogin(t.client());
    expect(res.status).toBe(400);
    expect(res.text).toContain('уже використовується');
    expect((await identities('sneaky')).rowCount).toBe(0);
  });

  it('shows a Ukrainian error when the person refuses at the provider, creating nothing', async () => {
    op.mode = 'deny';
    op.account = { sub: 'refuser', email: 'refuser@example.com', email_verified: true, name: 'Відмова' };
    const res = await oidcLogin(t.client());
    op.mode = 'allow';
    expect(res.status).toBe(400);
    expect(res.text).toContain('скасовано або не дозволено');
    expect((await t.owner("SELECT 1 FROM users WHERE email = 'refuser@example.com'")).rowCount).toBe(0);
  });

  it('refuses a callback with a wrong state or without the flow cookie', async () => {
    op.account = { sub: 'state-person', email: 'state.person@example.com', email_verified: true, name: 'Стан' };
    const c = t.client();
    const start = await c.get('/resident/oidc/start');
    const provider = new HttpClient(op.issuer);
    let location = new URL(start.location!);
    while (location.origin !== t.baseUrl) {
      const r = await provider.get(location.pathname + location.search);
      location = new URL(r.location!, location);
    }
    const forged = new URL(location);
    forged.searchParams.set('state', 'forged-state');
    const bad = await c.get(forged.pathname + forged.search);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Не вдалося завершити вхід');
    const noCookie = await t.client().get(location.pathname + location.search);
    expect(noCookie.status).toBe(400);
    expect((await t.owner("SELECT 1 FROM users WHERE email = 'state.person@example.com'")).rowCount).toBe(0);
    expect((await identities('state-person')).rowCount).toBe(0);
  });
});
