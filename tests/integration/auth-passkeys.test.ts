import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import type { HttpClient, Res } from '../helpers/http.js';
import { createStaffUser, loginStaff } from '../helpers/login.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

// ---- A software authenticator: real P-256 keys, CBOR and signatures, as a security key would make them.

const b64url = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest();

type Cbor = number | string | Buffer | Map<Cbor, Cbor>;
function cbor(v: Cbor): Buffer {
  const head = (major: number, n: number) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  };
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') {
    const s = Buffer.from(v, 'utf8');
    return Buffer.concat([head(3, s.length), s]);
  }
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

class SoftKey {
  readonly credentialId = crypto.randomBytes(32);
  private readonly keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  counter = 0;

  private coseKey() {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  private clientData(type: string, challenge: string, origin: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** The answer to navigator.credentials.create() for these options. */
  register(options: { challenge: string; rp: { id: string } }, origin: string) {
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(options.rp.id),
      Buffer.from([0x45]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      idLen,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, origin)),
        attestationObject: b64url(attestationObject),
        transports: ['usb'],
      },
    };
  }

  /** The answer to navigator.credentials.get(); `counter` as the authenticator reports it. */
  assert(
    options: { challenge: string; rpId: string },
    origin: string,
    opts: { counter?: number; signWith?: SoftKey } = {},
  ) {
    this.counter = opts.counter ?? this.counter + 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    const authData = Buffer.concat([sha256(options.rpId), Buffer.from([0x05]), count]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, origin);
    const signature = crypto.sign(
      'sha256',
      Buffer.concat([authData, sha256(clientDataJSON)]),
      (opts.signWith ?? this).keys.privateKey,
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
      },
    };
  }
}

// ---- HTTP helpers

function postJson(c: HttpClient, path: string, body: unknown, opts: { csrf?: boolean } = {}): Promise<Res> {
  return c.request('POST', path, {
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(opts.csrf === false ? {} : { 'x-csrf-token': c.lastCsrf ?? '' }),
    },
  });
}

async function signedInAdmin(username: string, role = 'admin') {
  const u = await createStaffUser(t, username, { enrolled: true, role });
  const c = t.client();
  await loginStaff(t, c, username, { totpSecret: u.totpSecret });
  await c.get('/account');
  return { ...u, c };
}

/** Adds a passkey through the two registration requests; returns the key and the final answer. */
async function addPasskey(c: HttpClient, name: string, key = new SoftKey()) {
  await c.get('/account');
  const opts = await postJson(c, '/account/passkeys/options', {
    passkeyName: name,
    passkeyPassword: TEST_CREDS.password,
  });
  expect(opts.status).toBe(200);
  const options = opts.json<{ options: { challenge: string; rp: { id: string } } }>().options;
  const attestation = key.register(options, t.baseUrl);
  const res = await postJson(c, '/account/passkeys', { response: attestation });
  return { key, res, attestation };
}

async function passwordStep(username: string) {
  const c = t.client();
  await c.get('/login');
  const res = await c.post('/login', { username, password: TEST_CREDS.password });
  expect(res.location).toBe('/login/totp');
  const page = await c.get('/login/totp');
  return { c, page };
}

async function loginOptions(c: HttpClient) {
  const res = await postJson(c, '/login/passkey/options', {});
  expect(res.status).toBe(200);
  return res.json<{
    options: { challenge: string; rpId: string; allowCredentials: { id: string }[]; userVerification: string };
  }>().options;
}

const failures = async (userId: string) =>
  (await t.owner<{ n: number }>('SELECT failed_logins AS n FROM users WHERE id = $1', [userId])).rows[0].n;
const audits = async (userId: string, action: string) =>
  (
    await t.owner<{ reason: string | null; operation: string }>(
      'SELECT reason, operation FROM audit_log WHERE actor_id = $1 AND action = $2 ORDER BY id',
      [userId, action],
    )
  ).rows;

describe('passkeys: who may use them', () => {
  it('shows no section to a worker and refuses every passkey endpoint with 403', async () => {
    const { c } = await signedInAdmin('pk-worker', 'worker');
    const account = await c.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).not.toContain('Ключі доступу');
    expect(account.text).not.toContain('passkeys.js');
    expect(
      (await postJson(c, '/account/passkeys/options', { passkeyName: 'x', passkeyPassword: TEST_CREDS.password }))
        .status,
    ).toBe(403);
    expect((await postJson(c, '/account/passkeys', { response: {} })).status).toBe(403);
    const id = crypto.randomUUID();
    expect((await c.get(`/account/passkeys/${id}/remove`)).status).toBe(403);
    expect((await c.post(`/account/passkeys/${id}/remove`, {})).status).toBe(403);
    expect((await t.owner('SELECT 1 FROM webauthn_challenges')).rowCount).toBe(0);
  });

  it('offers no passkey sign-in to a worker and refuses the login endpoints without counting a failure', async () => {
    const { userId } = await createStaffUser(t, 'pk-worker2', { enrolled: true });
    const { c, page } = await passwordStep('pk-worker2');
    expect(page.text).not.toContain('Увійти з ключем доступу');
    expect((await postJson(c, '/login/passkey/options', {})).status).toBe(403);
    expect((await postJson(c, '/login/passkey', { response: {} })).status).toBe(403);
    expect(await failures(userId)).toBe(0);
  });

  it('shows the section to an administrator and to a superadmin, with the empty state and a hidden add form', async () => {
    const { c } = await signedInAdmin('pk-admin0');
    const page = await c.get('/account');
    expect(page.text).toContain('Ключі доступу (passkeys)');
    expect(page.text).toContain('Ви ще не додали жодного ключа доступу.');
    expect(page.text).toMatch(/<form[^>]+data-passkey-register hidden>/);
    expect(page.text).toContain('потрібен браузер з увімкненим JavaScript');
    expect(page.text).toMatch(/<script type="module" src="\/public\/build\/passkeys\.[0-9a-f]{10}\.js"><\/script>/);
    const sa = await signedInAdmin('pk-super', 'worker');
    await t.owner('UPDATE users SET is_superadmin = true WHERE id = $1', [sa.userId]);
    expect((await sa.c.get('/account')).text).toContain('Ключі доступу (passkeys)');
    // A temporary password is changed first: until then the account page has no passkey section.
    await t.owner('UPDATE users SET must_change_password = true WHERE id = $1', [sa.userId]);
    expect((await sa.c.get('/account')).text).not.toContain('Ключі доступу (passkeys)');
  });

  it('serves the WebAuthn browser library as a built asset, and nothing else of its package', async () => {
    const { c } = await signedInAdmin('pk-admin-lib');
    const page = (await c.get('/account')).text;
    const libUrl = /<script defer src="(\/public\/build\/webauthn\.[0-9a-f]{10}\.js)"><\/script>/.exec(page)?.[1];
    const scriptUrl = /src="(\/public\/build\/passkeys\.[0-9a-f]{10}\.js)"/.exec(page)?.[1];
    expect(libUrl).toBeDefined();
    const lib = await t.client().get(libUrl ?? '');
    expect(lib.status).toBe(200);
    expect(lib.text).toContain('SimpleWebAuthnBrowser');
    expect((await t.client().get('/assets/webauthn/index.umd.min.js')).status).toBe(404);
    expect((await t.client().get('/assets/webauthn/index.es5.umd.min.js')).status).toBe(404);
    expect((await t.client().get(scriptUrl ?? '')).status).toBe(200);
  });
});

describe('passkeys: adding one', () => {
  it('needs a signed-in session that passed MFA, and the CSRF token', async () => {
    const anonymous = t.client();
    await anonymous.get('/');
    expect(
      (await postJson(anonymous, '/account/passkeys/options', { passkeyName: 'x', passkeyPassword: 'y' })).status,
    ).toBe(401);
    await createStaffUser(t, 'pk-pending', { enrolled: true, role: 'admin' });
    const { c } = await passwordStep('pk-pending');
    const pending = await postJson(c, '/account/passkeys/options', {
      passkeyName: 'x',
      passkeyPassword: TEST_CREDS.password,
    });
    expect(pending.status).toBe(401);
    const { c: admin } = await signedInAdmin('pk-csrf');
    const noCsrf = await postJson(
      admin,
      '/account/passkeys/options',
      { passkeyName: 'x', passkeyPassword: TEST_CREDS.password },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    expect((await t.owner('SELECT 1 FROM webauthn_challenges')).rowCount).toBe(0);
  });

  it('asks for the name and the current password; a wrong password counts toward the lockout and is audited', async () => {
    const { c, userId } = await signedInAdmin('pk-pass');
    const empty = await postJson(c, '/account/passkeys/options', { passkeyName: ' ', passkeyPassword: '' });
    expect(empty.status).toBe(400);
    expect(empty.json()).toEqual({
      errors: [
        { text: 'Введіть назву ключа доступу', href: '#passkeyName' },
        { text: 'Введіть поточний пароль', href: '#passkeyPassword' },
      ],
    });
    const wrong = await postJson(c, '/account/passkeys/options', {
      passkeyName: 'Ноутбук',
      passkeyPassword: 'Not-My-Pass-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toEqual({ errors: [{ text: 'Поточний пароль неправильний', href: '#passkeyPassword' }] });
    expect(await failures(userId)).toBe(1);
    expect(await audits(userId, 'auth.passkey.add.failed')).toEqual([
      { reason: 'current_password', operation: 'auth' },
    ]);
    const challenges = await t.owner(
      'SELECT 1 FROM webauthn_challenges w JOIN sessions s ON s.id_hash = w.session_hash WHERE s.user_id = $1',
      [userId],
    );
    expect(challenges.rowCount).toBe(0);
  });

  it('gives creation options for this site (user verification preferred) and stores a single-use challenge', async () => {
    const { c, userId } = await signedInAdmin('pk-opts');
    const res = await postJson(c, '/account/passkeys/options', {
      passkeyName: 'Ноутбук',
      passkeyPassword: TEST_CREDS.password,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { options } = res.json<{
      options: {
        challenge: string;
        rp: { id: string; name: string };
        user: { name: string };
        authenticatorSelection: { userVerification: string };
        attestation: string;
      };
    }>();
    expect(options.rp).toEqual({ id: '127.0.0.1', name: 'Турбота' });
    expect(options.user.name).toBe('pk-opts');
    expect(options.authenticatorSelection.userVerification).toBe('preferred');
    expect(options.attestation).toBe('none');
    const stored = await t.owner<{ challenge: string; credential_name: string; purpose: string }>(
      `SELECT challenge, credential_name, purpose FROM webauthn_challenges w JOIN sessions s ON s.id_hash = w.session_hash
       WHERE s.user_id = $1`,
      [userId],
    );
    expect(stored.rows).toEqual([{ challenge: options.challenge, credential_name: 'Ноутбук', purpose: 'register' }]);
  });

  it('adds a key from a valid answer, lists it with its dates, audits it, and refuses the same answer again', async () => {
    const { c, userId } = await signedInAdmin('pk-add');
    const { res, attestation } = await addPasskey(c, 'Ключ у кабінеті');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ redirect: '/account?passkeyAdded=1' });
    const page = await c.get('/account?passkeyAdded=1');
    expect(page.text).toContain('Ключ доступу додано.');
    expect(page.text).toContain('Ключ у кабінеті');
    const today = new Intl.DateTimeFormat('uk-UA', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Kyiv',
    }).format(new Date());
    expect(page.text).toMatch(
      new RegExp(`<td class="govuk-table__cell"(?: data-label="[^"]*")?>${today.replace(/\./g, '\\.')}</td>`),
    );
    expect(today).toMatch(/^\d\d\.\d\d\.\d{4}$/);
    expect(page.text).toContain('Ще не використовувався');
    expect(await audits(userId, 'auth.passkey.add')).toEqual([{ reason: null, operation: 'auth' }]);
    const replay = await postJson(c, '/account/passkeys', { response: attestation });
    expect(replay.status).toBe(400);
    expect(replay.json()).toEqual({
      errors: [{ text: 'Час на додавання ключа доступу минув. Спробуйте ще раз', href: '#passkey-add' }],
    });
    const n = await t.owner('SELECT 1 FROM passkeys WHERE user_id = $1', [userId]);
    expect(n.rowCount).toBe(1);
  });

  it('refuses a forged answer (wrong challenge, wrong origin, malformed) and uses the challenge up', async () => {
    const { c, userId } = await signedInAdmin('pk-forge');
    const key = new SoftKey();
    const start = async () => {
      const r = await postJson(c, '/account/passkeys/options', {
        passkeyName: 'Ключ',
        passkeyPassword: TEST_CREDS.password,
      });
      return r.json<{ options: { challenge: string; rp: { id: string } } }>().options;
    };
    const options = await start();
    const wrongChallenge = key.register({ ...options, challenge: b64url(crypto.randomBytes(32)) }, t.baseUrl);
    const r1 = await postJson(c, '/account/passkeys', { response: wrongChallenge });
    expect(r1.status).toBe(400);
    expect(r1.json()).toEqual({
      errors: [{ text: 'Не вдалося перевірити ключ доступу. Спробуйте ще раз', href: '#passkey-add' }],
    });
    // The challenge is gone: even the right answer to it no longer works.
    expect((await postJson(c, '/account/passkeys', { response: key.register(options, t.baseUrl) })).status).toBe(400);
    const r2 = await postJson(c, '/account/passkeys', {
      response: key.register(await start(), 'https://evil.example'),
    });
    expect(r2.status).toBe(400);
    await start();
    expect((await postJson(c, '/account/passkeys', { response: { id: 'x', type: 'public-key' } })).status).toBe(400);
    expect((await t.owner('SELECT 1 FROM passkeys WHERE user_id = $1', [userId])).rowCount).toBe(0);
    expect((await audits(userId, 'auth.passkey.add.failed')).map((a) => a.reason)).toEqual([
      'passkeyFailed',
      'passkeyExpired',
      'passkeyFailed',
      'passkeyFailed',
    ]);
  });
});

describe('passkeys: signing in with one', () => {
  async function adminWithKey(username: string) {
    const a = await signedInAdmin(username);
    const { key, res } = await addPasskey(a.c, 'Мій ключ');
    expect(res.status).toBe(200);
    return { ...a, key };
  }

  it('offers the button (hidden until the script shows it) and completes the login like a TOTP code', async () => {
    const { userId, key } = await adminWithKey('pk-login');
    const { c, page } = await passwordStep('pk-login');
    expect(page.text).toContain('Увійти з ключем доступу');
    expect(page.text).toMatch(/<div data-passkey-login data-csrf="[^"]+" hidden>/);
    expect(page.text).toContain('name="code"');
    const pendingCookie = c.cookies.get(t.services.sessions.cookieName);
    const options = await loginOptions(c);
    expect(options.rpId).toBe('127.0.0.1');
    expect(options.userVerification).toBe('preferred');
    expect(options.allowCredentials.map((x) => x.id)).toEqual([b64url(key.credentialId)]);
    const res = await postJson(c, '/login/passkey', { response: key.assert(options, t.baseUrl) });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ redirect: '/staff' });
    expect(c.cookies.get(t.services.sessions.cookieName)).not.toBe(pendingCookie);
    expect((await c.get('/staff')).status).toBe(200);
    // The pending session became a full one (the account page's session from before stays too).
    const s = await t.owner<{ mfa_passed: boolean }>('SELECT mfa_passed FROM sessions WHERE user_id = $1', [userId]);
    expect(s.rows).toEqual([{ mfa_passed: true }, { mfa_passed: true }]);
    expect((await audits(userId, 'auth.login')).map((a) => a.reason)).toEqual(['totp', 'passkey']);
    const used = await t.owner<{ counter: string; used: boolean }>(
      'SELECT counter, last_used_at IS NOT NULL AS used FROM passkeys WHERE user_id = $1',
      [userId],
    );
    expect(used.rows).toEqual([{ counter: '1', used: true }]);
    expect((await c.get('/account')).text).not.toContain('Ще не використовувався');
  });

  it('refuses a replayed, a forged, a cloned (counter) and a malformed assertion, counting each as a failure', async () => {
    const { userId, key } = await adminWithKey('pk-replay');
    const first = await passwordStep('pk-replay');
    const good = key.assert(await loginOptions(first.c), t.baseUrl);
    expect((await postJson(first.c, '/login/passkey', { response: good })).status).toBe(200);

    const { c } = await passwordStep('pk-replay');
    await loginOptions(c);
    const replayed = await postJson(c, '/login/passkey', { response: good });
    expect(replayed.status).toBe(401);
    expect(replayed.json()).toEqual({
      errors: [
        {
          text: 'Не вдалося увійти з ключем доступу. Спробуйте ще раз або введіть код підтвердження',
          href: '#passkey-login',
        },
      ],
    });
    expect(await failures(userId)).toBe(1);

    const forged = key.assert(await loginOptions(c), t.baseUrl, { signWith: new SoftKey() });
    expect((await postJson(c, '/login/passkey', { response: forged })).status).toBe(401);
    const cloned = key.assert(await loginOptions(c), t.baseUrl, { counter: 1 });
    expect((await postJson(c, '/login/passkey', { response: cloned })).status).toBe(401);
    await loginOptions(c);
    expect((await postJson(c, '/login/passkey', { response: { id: 'abc' } })).status).toBe(400);
    expect(await failures(userId)).toBe(4);
    // Without a challenge from this session, even a well-signed answer is refused.
    expect(
      (
        await postJson(c, '/login/passkey', {
          response: key.assert({ challenge: 'abc', rpId: '127.0.0.1' }, t.baseUrl),
        })
      ).status,
    ).toBe(401);
    const failed = await audits(userId, 'auth.login.failed');
    expect(failed.map((a) => a.reason)).toEqual(['passkey', 'passkey', 'passkey', 'passkey', 'passkey']);
    expect((await c.get('/staff')).status).toBe(302);
  });

  it("refuses another administrator's key, well signed, as a failure", async () => {
    const { key } = await adminWithKey('pk-owner');
    const { userId } = await adminWithKey('pk-thief');
    const { c } = await passwordStep('pk-thief');
    const stolen = key.assert(await loginOptions(c), t.baseUrl);
    expect((await postJson(c, '/login/passkey', { response: stolen })).status).toBe(401);
    expect(await failures(userId)).toBe(1);
  });

  it('locks the account after five failures and ends the pending session', async () => {
    const { userId, key } = await adminWithKey('pk-lock');
    const { c } = await passwordStep('pk-lock');
    let last: Res | null = null;
    for (let i = 0; i < 5; i++) {
      const bad = key.assert(await loginOptions(c), t.baseUrl, { signWith: new SoftKey() });
      last = await postJson(c, '/login/passkey', { response: bad });
    }
    expect(last!.status).toBe(401);
    expect(last!.json<{ redirect: string }>().redirect).toBe('/login');
    const r = await t.owner<{ locked: boolean }>('SELECT locked_until > now() AS locked FROM users WHERE id = $1', [
      userId,
    ]);
    expect(r.rows[0].locked).toBe(true);
    expect((await t.owner('SELECT 1 FROM sessions WHERE user_id = $1 AND NOT mfa_passed', [userId])).rowCount).toBe(0);
    expect(await audits(userId, 'auth.lockout')).toHaveLength(1);
    expect((await postJson(c, '/login/passkey/options', {})).status).toBe(401);
  });

  it('keeps the TOTP code and the login endpoints need a pending session and the CSRF token', async () => {
    const { totpSecret } = await adminWithKey('pk-totp');
    const c = t.client();
    const { location } = await loginStaff(t, c, 'pk-totp', { totpSecret });
    expect(location).toBe('/staff');
    const anonymous = t.client();
    await anonymous.get('/login');
    const none = await postJson(anonymous, '/login/passkey/options', {});
    expect(none.status).toBe(401);
    expect(none.json<{ redirect: string }>().redirect).toBe('/login');
    const { c: pending } = await passwordStep('pk-totp');
    expect((await postJson(pending, '/login/passkey/options', {}, { csrf: false })).status).toBe(403);
  });
});

describe('passkeys: removing one', () => {
  it('asks for confirmation, needs the CSRF token, removes only the own key and audits it', async () => {
    const { c, userId } = await signedInAdmin('pk-remove');
    expect((await addPasskey(c, 'Старий ключ')).res.status).toBe(200);
    const other = await signedInAdmin('pk-other');
    expect((await addPasskey(other.c, 'Чужий ключ')).res.status).toBe(200);
    const mine = (await t.owner<{ id: string }>('SELECT id FROM passkeys WHERE user_id = $1', [userId])).rows[0].id;
    const theirs = (await t.owner<{ id: string }>('SELECT id FROM passkeys WHERE user_id = $1', [other.userId])).rows[0]
      .id;

    const account = await c.get('/account');
    expect(account.text).toContain(`href="/account/passkeys/${mine}/remove"`);
    const confirm = await c.get(`/account/passkeys/${mine}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Видалити ключ доступу?');
    expect(confirm.text).toContain('Ключ доступу «Старий ключ», доданий');
    expect(confirm.text).toContain(`action="/account/passkeys/${mine}/remove"`);

    expect((await c.get(`/account/passkeys/${theirs}/remove`)).status).toBe(404);
    expect((await c.post(`/account/passkeys/${theirs}/remove`, {})).status).toBe(404);
    expect((await c.get('/account/passkeys/not-a-uuid/remove')).status).toBe(404);
    expect((await c.post(`/account/passkeys/${mine}/remove`, { _csrf: null })).status).toBe(403);
    const both = [userId, other.userId];
    expect((await t.owner('SELECT 1 FROM passkeys WHERE user_id = ANY($1)', [both])).rowCount).toBe(2);

    await c.get(`/account/passkeys/${mine}/remove`);
    const res = await c.post(`/account/passkeys/${mine}/remove`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account?passkeyRemoved=1#passkeys');
    const after = await c.get('/account?passkeyRemoved=1');
    expect(after.text).toContain('Ключ доступу видалено.');
    expect(after.text).toContain('Ви ще не додали жодного ключа доступу.');
    expect((await t.owner('SELECT user_id FROM passkeys WHERE user_id = ANY($1)', [both])).rows).toEqual([
      { user_id: other.userId },
    ]);
    expect(await audits(userId, 'auth.passkey.remove')).toEqual([{ reason: null, operation: 'auth' }]);
    expect(await audits(other.userId, 'auth.passkey.remove')).toEqual([]);
    expect((await c.post(`/account/passkeys/${mine}/remove`, {})).status).toBe(404);
  });
});
