import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { applicationFixtures } from '../helpers/applications.js';
import { pdfText } from './subject-report.pdf-text.js';
import { oblastInWords } from '../../src/modules/decisions/decisions.queries.js';
import { demoHromadaId } from '../factories/index.js';

let t: TestApp;
let hromadaId: number;
let granted = '';
const as: Record<string, HttpClient> = {};
const fx = applicationFixtures(() => ({ t, hromadaId }));

async function pdf(c: HttpClient, path: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}${path}`, {
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(res.status).toBe(200);
  return pdfText(Buffer.from(await res.arrayBuffer())).text;
}

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
  const settlement = (await t.owner<{ c: string }>('SELECT settlement_code AS c FROM district_settlements LIMIT 1'))
    .rows[0].c;
  const person = await fx.addPerson('Реквізитенко', settlement);
  const service = await fx.addService('Догляд (реквізити)');
  for (const u of ['admin', 'frontdesk', 'worker', 'manager']) {
    as[u] = t.client();
    await signInAs(t, as[u], { username: u });
  }
  granted = await fx.registered(as.frontdesk, person, service);
  await fx.moved(as.worker, granted, 'startReview');
  await fx.moved(as.manager, granted, 'grant', { note: 'Потреба підтверджена' });
});
afterAll(async () => {
  await t?.close();
});

describe('the decision PDF names the issuing body', () => {
  it('writes the oblast out in full', () => {
    expect(oblastInWords('Луганська', 'O')).toBe('Луганська область');
    expect(oblastInWords('Автономна Республіка Крим', 'O')).toBe('Автономна Республіка Крим');
    expect(oblastInWords('Київ', 'K')).toBe('місто Київ');
  });

  it('the administrator sets council, department and the official’s position (all required, audited); the PDF shows them', async () => {
    const before = await pdf(as.worker, `/applications/${granted}/decision.pdf`);
    expect(before).toContain('Луганська область');
    expect(before).toContain('Старобільська міська рада'); // the demo hromada's issuing body
    expect(before).not.toContain('Старобільської міської ради');
    const url = `/admin/hromadas/${hromadaId}/issuer`;
    expect((await as.admin.get(url)).status).toBe(200);
    const bad = await as.admin.post(url, { council: '', department: 'Управління', officialPosition: 'Начальник' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#council"');
    const ok = await as.admin.post(url, {
      council: 'Старобільська міська рада',
      department: 'Управління соціального захисту населення Старобільської міської ради',
      officialPosition: 'Начальник управління соціального захисту населення',
    });
    expect(ok.status).toBe(303);
    expect((await as.admin.get(ok.location!)).text).toContain('Реквізити органу збережено');
    expect(
      (
        await t.owner("SELECT 1 FROM audit_log WHERE action = 'hromada.issuer.update' AND entity_id = $1", [
          String(hromadaId),
        ])
      ).rowCount,
    ).toBe(1);
    const text = (await pdf(as.worker, `/applications/${granted}/decision.pdf`)).replace(/\s+/g, ' ');
    expect(text).toContain('Старобільська міська рада');
    expect(text).toContain('Управління соціального захисту населення Старобільської міської ради');
    expect(text).toContain('Луганська область');
    expect(text).toContain('Начальник управління соціального захисту населення');
  });

  it('only the hromada’s administrator (or a platform administrator) may change it', async () => {
    for (const u of ['worker', 'manager']) {
      expect((await as[u].get(`/admin/hromadas/${hromadaId}/issuer`)).status).toBe(403);
      expect(
        (
          await as[u].post(`/admin/hromadas/${hromadaId}/issuer`, {
            council: 'Х',
            department: 'Х',
            officialPosition: 'Х',
          })
        ).status,
      ).toBe(403);
    }
  });
});
