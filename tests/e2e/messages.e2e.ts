import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
let hromadaId: number;
let number = '';

const { addPerson, addService, intake, idOf, row } = applicationFixtures(() => ({ t, hromadaId }));

beforeAll(async () => {
  ({ t, browser } = app);
  hromadaId = (await t.owner<{ id: number }>("SELECT id FROM hromadas WHERE code = 'UA44140110000056578'")).rows[0].id;
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1')).rows[0].c;
  const person = await addPerson('Питальна', settlement);
  await t.owner(
    `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by)
     SELECT id, $1, $2, 'oidc' FROM users WHERE email = 'resident@example.com'`, [person, hromadaId]);
  const frontdesk = t.client();
  await signInAs(t, frontdesk, { username: 'frontdesk' });
  const id = idOf(await intake(frontdesk, person, await addService('Соціальне таксі (листування e2e)')));
  number = (await row(id)).registration_number;
});

describe('messages between a resident and the office in Chromium', () => {
  it('a resident asks about their application, a worker replies, the resident reads the reply', async () => {
    const question = 'Чи потрібна довідка про доходи?';
    const reply = 'Ні, довідку управління отримає саме.';

    const { context: residentCtx } = await signedInContext(t, browser, { email: 'resident@example.com' });
    const resident = await residentCtx.newPage();
    resident.setDefaultTimeout(10_000);
    await resident.goto(`${t.baseUrl}/cabinet`);
    await expectAccessible(resident, 'cabinet');
    await resident.getByRole('link', { name: 'Мої заяви' }).first().click();
    await expectAccessible(resident, 'my applications');
    await resident.getByRole('link', { name: number }).click();
    await expectAccessible(resident, 'application with an empty conversation');
    await resident.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => resident.getByText('Введіть текст повідомлення').first().isVisible()).toBe(true);
    await expectAccessible(resident, 'conversation with an error');
    await resident.getByLabel('Ваше повідомлення').fill(question);
    await resident.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => resident.getByText('Повідомлення надіслано.').isVisible()).toBe(true);
    await expectAccessible(resident, 'conversation after sending');
    expect(await resident.locator('#message-list').innerText()).toContain(question);

    const { context: workerCtx } = await signedInContext(t, browser, { username: 'worker' });
    const worker = await workerCtx.newPage();
    worker.setDefaultTimeout(10_000);
    await worker.goto(`${t.baseUrl}/staff`);
    await expectAccessible(worker, 'staff home');
    await worker.getByRole('link', { name: 'Нові повідомлення' }).click();
    await expectAccessible(worker, 'new messages');
    await worker.getByRole('link', { name: number }).click();
    await expectAccessible(worker, 'staff application with the question');
    expect(await worker.locator('#message-list').innerText()).toContain(question);
    await worker.getByLabel('Відповідь заявникові').fill(reply);
    await worker.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => worker.getByText('Повідомлення надіслано.').isVisible()).toBe(true);
    await expectAccessible(worker, 'staff conversation after replying');
    await worker.goto(`${t.baseUrl}/applications/messages`);
    await expect.poll(() => worker.getByText('Нових повідомлень від заявників немає.').isVisible()).toBe(true);
    await expectAccessible(worker, 'no new messages');
    await workerCtx.close();

    await resident.goto(`${t.baseUrl}/cabinet`);
    await resident.getByRole('link', { name: 'Повідомлення від управління' }).click();
    await expectAccessible(resident, 'my conversations');
    expect(await resident.locator('#conversations').innerText()).toContain('1 нове повідомлення');
    await resident.getByRole('link', { name: number }).click();
    await expectAccessible(resident, 'application with the reply');
    const conversation = await resident.locator('#message-list').innerText();
    expect(conversation).toContain(reply);
    expect(conversation).toContain('Працівник управління');
    expect(conversation).not.toContain('Соцпрацівниця');
    expect(conversation.indexOf(question)).toBeLessThan(conversation.indexOf(reply));
    await residentCtx.close();
  });
});
