import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { resident } from '../factories/index.js';
import { expectAccessible, signedInContext, useAppAndBrowser } from './browser.js';

const app = useAppAndBrowser();
let t: TestApp;
let browser: Browser;
beforeAll(() => {
  ({ t, browser } = app);
});

describe('a resident’s own report in Chromium', () => {
  it('a resident reports a child at risk from the cabinet and the children’s service finds it in the signals', async () => {
    const r = await resident(t, { name: 'Галина Уважна' });
    const { context } = await signedInContext(t, browser, { email: r.email });
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${t.baseUrl}/cabinet`);
    await p.getByRole('link', { name: 'Повідомити про людину в небезпеці' }).click();
    await expectAccessible(p, 'resident report form');
    await p.getByLabel('Іншої людини — дитини чи дорослого').check();
    await p.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect
      .poll(() => p.locator('.govuk-error-summary').innerText())
      .toContain('Вкажіть, про кого ви повідомляєте');
    await expectAccessible(p, 'resident report form with errors');
    await p.getByLabel('Іншої людини — дитини чи дорослого').check();
    await p.getByLabel('Ім’я або як ви його знаєте').fill('Дівчинка Соня з третього під’їзду');
    await p.getByLabel('Це дитина').check();
    await p.getByLabel('Що сталося').fill('Вночі чути крики, дитина зранку з синцями');
    await p.getByLabel('Дуже терміново: є загроза життю чи здоров’ю').check();
    await p.getByRole('button', { name: 'Надіслати повідомлення' }).click();
    await expect.poll(() => p.locator('.govuk-panel').innerText()).toMatch(/С-\d{4}-\d{6}/);
    await expectAccessible(p, 'resident report sent');
    const number = /С-\d{4}-\d{6}/.exec(await p.locator('.govuk-panel').innerText())?.[0] ?? '';
    await context.close();

    const children = await signedInContext(t, browser, { username: 'children' });
    const s = await children.context.newPage();
    await s.goto(`${t.baseUrl}/signals`);
    await expect.poll(() => s.locator(`[data-signal="${number}"]`).innerText()).toContain('Дівчинка Соня');
    await children.context.close();
  });
});
