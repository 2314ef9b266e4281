import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { HttpClient, Res } from './http.js';
import { person, service, type Channel } from '../factories/index.js';

export interface ApplicationRowSnapshot {
  status: string;
  version: number;
  deadline: string;
  registration_number: string;
  paused_since: string | null;
  paused_days: number;
  refusal_reason: string | null;
  assignee_id: string | null;
}

/**
 * Helpers of the applications tests, bound to the test app and hromada of a file (given as a
 * function because both are set in `beforeAll`).
 */
export function applicationFixtures(ctx: () => { t: TestApp; hromadaId: number }) {
  async function addPerson(lastName: string, settlementCode: string): Promise<string> {
    const { t, hromadaId } = ctx();
    return person(t, {
      hromadaId,
      by: 'worker',
      lastName,
      firstName: 'Марія',
      birthDate: '1950-05-05',
      sex: 'female',
      settlementCode,
    });
  }

  async function addService(
    name: string,
    o: { days?: number; channels?: Channel[]; active?: boolean; crisis?: boolean } = {},
  ) {
    const { t, hromadaId } = ctx();
    return (await service(t, { hromadaId, name, ...o })).id;
  }

  const row = async (id: string) =>
    (
      await ctx().t.owner<ApplicationRowSnapshot>(
        `SELECT status, version, to_char(deadline, 'YYYY-MM-DD') AS deadline, registration_number,
       to_char(paused_since, 'YYYY-MM-DD') AS paused_since, paused_days, refusal_reason, assignee_id FROM applications WHERE id = $1`,
        [id],
      )
    ).rows[0];

  /** Intake through the pages: choose the person, then the service; returns the redirect. */
  async function intake(c: HttpClient, personId: string, serviceId: string, key?: string): Promise<Res> {
    const page = await c.get(`/applications/new?personId=${personId}`);
    expect(page.status, page.text.slice(0, 500)).toBe(200);
    const idempotencyKey = key ?? /name="idempotencyKey" value="([^"]+)"/.exec(page.text)![1];
    return c.post('/applications', { personId, serviceId, idempotencyKey });
  }

  const idOf = (r: Res) => /\/applications\/([0-9a-f-]{36})/.exec(r.location ?? '')![1];

  /** A status change through the application page's form, with the version the page showed. */
  async function transition(c: HttpClient, id: string, command: string, fields: Record<string, string> = {}) {
    await c.get(`/applications/${id}`);
    const { version } = await row(id);
    return c.post(`/applications/${id}/transition`, { command, version: String(version), ...fields });
  }

  /** Intake that must succeed: the new application's id. */
  async function registered(c: HttpClient, personId: string, serviceId: string): Promise<string> {
    const r = await intake(c, personId, serviceId);
    expect(r.status, r.text.slice(0, 300)).toBe(303);
    return idOf(r);
  }

  /** A status change that must succeed. */
  async function moved(c: HttpClient, id: string, command: string, fields: Record<string, string> = {}) {
    const r = await transition(c, id, command, fields);
    expect(r.status, r.text.slice(0, 300)).toBe(303);
  }

  return { addPerson, addService, row, intake, idOf, transition, registered, moved };
}
