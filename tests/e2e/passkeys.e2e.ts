import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { TEST_CREDS } from '../helpers/env.js';
import { createStaffUser, freshTotpCode } from '../helpers/login.js';
import { passkey } from '../factories/index.js';
import { expectAccessible, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
/** Browsers refuse an IP address as the WebAuthn relying party: the journey uses localhost. */
let base: string;
beforeAll(() => {
  ({ t, browser } = app);
  base = t.baseUrl.replace('127.0.0.1', 'localhost');
});

/** Chromium's virtual authenticator (DevTools protocol): a platform authenticator with user verification. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

async function passwordStep(page: Page, username: string) {
  await page.goto(base + '/login');
  await page.getByLabel("Ім'я користувача").fill(username);
  await page.getByLabel('Пароль').fill(TEST_CREDS.password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.waitForURL('**/login/totp');
}

describe('passkeys in Chromium', () => {
  it('an administrator adds a passkey, signs in with it instead of a code, and removes it', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'e2e-pk-admin', { enrolled: true, role: 'admin' });
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const { cdp, authenticatorId } = await virtualAuthenticator(page);

    // Password + TOTP: no passkey yet, so no passkey button.
    await passwordStep(page, 'e2e-pk-admin');
    expect(await page.getByRole('button', { name: 'Увійти з ключем доступу' }).count()).toBe(0);
    await expectAccessible(page, 'TOTP step without passkeys');
    await page.getByLabel('Код підтвердження').fill(await freshTotpCode(t, userId, totpSecret));
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await page.waitForURL('**/staff');
    await expectAccessible(page, 'staff home');

    // The account page: the section, a client-side error, then the ceremony.
    await page.getByRole('link', { name: 'Обліковий запис' }).first().click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Ключі доступу (passkeys)' }).waitFor();
    expect(await page.getByText('Ви ще не додали жодного ключа доступу.').isVisible()).toBe(true);
    expect(await page.getByText('потрібен браузер з увімкненим JavaScript').count()).toBe(0);
    await expectAccessible(page, 'account with the passkey section');
    const add = page.getByRole('button', { name: 'Додати ключ доступу' });
    await add.click();
    await page.locator('.govuk-error-summary').getByText('Введіть назву ключа доступу').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Введіть поточний пароль');
    await expectAccessible(page, 'account with passkey errors');
    await page.getByLabel('Назва ключа').fill('Ноутбук у кабінеті');
    await page.locator('#passkeyPassword').fill(TEST_CREDS.password);
    await add.click();
    await page.waitForURL('**/account?passkeyAdded=1');
    expect(await page.getByText('Ключ доступу додано.').isVisible()).toBe(true);
    const row = page.getByRole('row', { name: /Ноутбук у кабінеті/ });
    expect(await row.textContent()).toContain('Ще не використовувався');
    expect(await row.textContent()).toMatch(/\d\d\.\d\d\.\d{4}/);
    await expectAccessible(page, 'account with a passkey');
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);

    await page.getByRole('button', { name: 'Вийти' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expectAccessible(page, 'home after logout');

    // Password, then the passkey. A bad signature first: refused in the error summary, counted.
    await passwordStep(page, 'e2e-pk-admin');
    const passkeyButton = page.getByRole('button', { name: 'Увійти з ключем доступу' });
    await passkeyButton.waitFor();
    await expectAccessible(page, 'second factor with the passkey button');
    await cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId, isBogusSignature: true });
    await passkeyButton.click();
    await page.locator('.govuk-error-summary').getByText('Не вдалося увійти з ключем доступу').waitFor();
    await expectAccessible(page, 'second factor with a passkey error');
    const failed = await t.owner<{ n: number }>('SELECT failed_logins AS n FROM users WHERE id = $1', [userId]);
    expect(failed.rows[0].n).toBe(1);
    await cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId, isBogusSignature: false });
    await passkeyButton.click();
    await page.waitForURL('**/staff');
    await expectAccessible(page, 'staff home after the passkey');
    const login = await t.owner<{ reason: string }>(
      "SELECT reason FROM audit_log WHERE actor_id = $1 AND action = 'auth.login' ORDER BY id DESC LIMIT 1",
      [userId],
    );
    expect(login.rows[0].reason).toBe('passkey');

    // Removal after a confirmation page.
    await page.goto(base + '/account');
    expect(await page.getByRole('row', { name: /Ноутбук у кабінеті/ }).textContent()).not.toContain(
      'Ще не використовувався',
    );
    await page.getByRole('link', { name: /Видалити.*Ноутбук у кабінеті/ }).click();
    await page.getByRole('heading', { name: 'Видалити ключ доступу?' }).waitFor();
    await expectAccessible(page, 'remove confirmation');
    await page.getByRole('button', { name: 'Так, видалити ключ доступу' }).click();
    await page.waitForURL('**/account?passkeyRemoved=1#passkeys');
    expect(await page.getByText('Ключ доступу видалено.').isVisible()).toBe(true);
    expect(await page.getByText('Ви ще не додали жодного ключа доступу.').isVisible()).toBe(true);
    await expectAccessible(page, 'account after removal');
    await context.close();
  });

  it('shows a cancelled or refused ceremony in Ukrainian, and the TOTP form still works', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'e2e-pk-cancel', { enrolled: true, role: 'admin' });
    const key = await passkey(t, userId, { name: 'Загублений ключ' });
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The authenticator holds no credential the server allows: the browser refuses the request.
    await virtualAuthenticator(page);
    await passwordStep(page, 'e2e-pk-cancel');
    await page.getByRole('button', { name: 'Увійти з ключем доступу' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/скасовано або не дозволено|Час очікування/);
    await expectAccessible(page, 'second factor with a refused ceremony');
    await page.getByLabel('Код підтвердження').fill(await freshTotpCode(t, userId, totpSecret));
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await page.waitForURL('**/staff');
    await context.close();
  });

  it('without JavaScript the second-factor page shows only the code form and sign-in works', async () => {
    const { userId, totpSecret } = await createStaffUser(t, 'e2e-pk-nojs', { enrolled: true, role: 'admin' });
    await passkey(t, userId, { name: 'Ключ' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await passwordStep(page, 'e2e-pk-nojs');
    expect(await page.getByRole('button', { name: 'Увійти з ключем доступу' }).isVisible()).toBe(false);
    await page.getByLabel('Код підтвердження').fill(await freshTotpCode(t, userId, totpSecret));
    await page.getByRole('button', { name: 'Підтвердити' }).click();
    await page.waitForURL('**/staff');
    await page.goto(base + '/account');
    expect(await page.getByText('потрібен браузер з увімкненим JavaScript').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Додати ключ доступу' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: /Видалити/ }).count()).toBe(1);
    // axe runs inside the page and so needs JavaScript; these pages were checked with it above.
    await context.close();
  });
});
