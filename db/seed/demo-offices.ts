import type { Services } from '../../src/services.js';
import type { Actor } from '../../src/platform/policy.js';
import { saveOffice } from '../../src/modules/appointments/use-cases/save-office.js';
import { changeOfficeSetup } from '../../src/modules/appointments/use-cases/change-office-setup.js';

const META = { ip: '127.0.0.1', requestId: 'demo-seed' };
const weekdays = (days: number[], opens: string, closes: string, brk: [string, string] | null) =>
  days.map((weekday) => ({
    weekday,
    opens,
    closes,
    breakStarts: brk?.[0] ?? null,
    breakEnds: brk?.[1] ?? null,
  }));

/**
 * The demo's places of visits (issue 14): the front office (ЦНАП) on weekdays with a lunch break, three of its
 * services with 20-minute visits at two windows; the starosta office of the demo starosta's district on Tuesdays and
 * Thursdays mornings, two services with half-hour visits. Through the same use-cases as the pages.
 */
export async function seedDemoOffices(services: Services, hromadaId: number, manager: Actor): Promise<void> {
  const o = { services, actor: manager, meta: META };
  const { rows: found } = await services.db.tx({ hromadaId }, (c) =>
    c.query<{ id: string; district_id: number | null; name: string | null }>(
      `SELECT s.id, (SELECT g.district_id FROM grants g JOIN users u ON u.id = g.user_id
                     WHERE u.username = 'starosta' AND g.hromada_id = $1 LIMIT 1) AS district_id,
              (SELECT d.name FROM grants g JOIN users u ON u.id = g.user_id JOIN districts d ON d.id = g.district_id
                     WHERE u.username = 'starosta' AND g.hromada_id = $1 LIMIT 1) AS name
       FROM services s WHERE s.hromada_id = $1 AND s.active AND 'front_office' = ANY(s.channels)
       ORDER BY s.name COLLATE "uk-UA-x-icu" LIMIT 3`,
      [hromadaId],
    ),
  );
  if (!found.length) return;
  const front = await saveOffice({
    ...o,
    id: null,
    input: {
      name: 'ЦНАП',
      kind: 'front_office',
      districtId: null,
      address: 'вул. Центральна, 1',
      active: true,
      windows: 3,
      videoUrl: null,
    },
  });
  await changeOfficeSetup({
    ...o,
    officeId: front,
    change: { kind: 'hours', hours: weekdays([1, 2, 3, 4, 5], '09:00', '16:00', ['12:00', '13:00']) },
  });
  for (const s of found)
    await changeOfficeSetup({
      ...o,
      officeId: front,
      change: { kind: 'service', serviceId: s.id, slotMinutes: 20, seats: 2 },
    });
  const district = found[0].district_id;
  if (district === null) return;
  const village = await saveOffice({
    ...o,
    id: null,
    input: {
      name: `Старостат: ${found[0].name ?? ''}`.trim(),
      kind: 'starosta_office',
      districtId: district,
      address: null,
      active: true,
      windows: 1,
      videoUrl: null,
    },
  });
  await changeOfficeSetup({
    ...o,
    officeId: village,
    change: { kind: 'hours', hours: weekdays([2, 4], '09:00', '13:00', null) },
  });
  for (const s of found.slice(0, 2))
    await changeOfficeSetup({
      ...o,
      officeId: village,
      change: { kind: 'service', serviceId: s.id, slotMinutes: 30, seats: 1 },
    });
}
