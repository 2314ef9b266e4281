import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { applicationFixtures } from '../helpers/applications.js';
import { starostaDistrict } from '../helpers/cabinet.js';
import type { HttpClient } from '../helpers/http.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
const as: Record<string, HttpClient> = {};
const people: Record<string, string> = {};
let serviceId = '';
let inside = '';
let outside = '';

const { addPerson, addService, registered, row } = applicationFixtures(() => ({ t, hromadaId }));

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const d = await starostaDistrict(t);
  people.village = await addPerson('Картченко', d.inside);
  people.town = await addPerson('Картенко', d.outside);
  serviceId = await addService('Догляд вдома (картка)');
  for (const u of ['frontdesk', 'worker', 'starosta', 'children', 'provider']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  inside = await registered(as.frontdesk, people.village, serviceId);
  outside = await registered(as.frontdesk, people.town, serviceId);
});
afterAll(async () => {
  await t?.close();
});

const applicationsSection = (html: string) => {
  const m = /<h2 class="govuk-heading-m" id="applications">[\s\S]*?(?=<h2 )/.exec(html);
  return m ? m[0] : null;
};

describe('the person card lists the person’s applications', () => {
  it('shows number, service, status, deadline and a link for a worker; the cases section is the real one', async () => {
    const page = await as.worker.get(`/persons/${people.village}`);
    expect(page.status).toBe(200);
    const section = applicationsSection(page.text);
    expect(section).not.toBeNull();
    const a = await row(inside);
    expect(section).toContain(`href="/applications/${inside}"`);
    expect(section).toContain(a.registration_number);
    expect(section).toContain('Догляд вдома (картка)');
    expect(section).toContain('Зареєстровано');
    expect(section).toContain(a.deadline.split('-').reverse().join('.'));
    expect(section).not.toContain(outside);
    expect(page.text).not.toContain('Заяв поки немає');
    // Issue 11 brought cases: the card's «Випадки» lists the person's cases (none here), not a made-up list.
    expect(page.text).toContain('Випадків немає.');
  });

  it('is an audited read', async () => {
    const before = (
      await t.owner("SELECT 1 FROM audit_log WHERE action = 'person.applications.view' AND entity_id = $1", [
        people.village,
      ])
    ).rowCount!;
    await as.worker.get(`/persons/${people.village}`);
    const after = await t.owner<{ reason: string; fields: string[] }>(
      "SELECT reason, fields FROM audit_log WHERE action = 'person.applications.view' AND entity_id = $1 ORDER BY id",
      [people.village],
    );
    expect(after.rowCount).toBe(before + 1);
    expect(after.rows.at(-1)).toMatchObject({ reason: 'results:1' });
  });

  it('says there are none when the person has no application', async () => {
    const other = await addPerson('Безвзаявна', (await starostaDistrict(t)).outside);
    const page = await as.worker.get(`/persons/${other}`);
    expect(applicationsSection(page.text)).toContain('Заяв поки немає');
  });

  it('a starosta sees the applications of the district', async () => {
    const page = await as.starosta.get(`/persons/${people.village}`);
    expect(page.status).toBe(200);
    expect(applicationsSection(page.text)).toContain(`href="/applications/${inside}"`);
  });

  it('a role that does not read applications (children’s service) gets no applications section at all', async () => {
    const page = await as.children.get(`/persons/${people.village}`);
    expect(page.status).toBe(200);
    expect(applicationsSection(page.text)).toBeNull();
    expect(page.text).not.toContain(inside);
    expect(page.text).not.toContain('Заяв поки немає');
  });
});
