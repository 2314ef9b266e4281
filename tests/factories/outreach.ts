import type { TestApp } from '../helpers/app.js';
import { saveTrip } from '../../src/modules/outreach/use-cases/save-trip.js';
import { changeStops } from '../../src/modules/outreach/use-cases/change-stops.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { demoHromadaId } from './hromada.js';
import { staffActor } from './staff.js';

export interface TripOptions {
  /** Members of the trip's staff (user ids): who may take its package. */
  staff: string[];
  /** Persons to visit, in route order. */
  stops?: string[];
  /** Settlement codes on the route (the demo hromada's first settlement by default). */
  settlements?: string[];
  date?: string;
  title?: string;
}

let seq = 0;

/** An outreach trip planned by the demo manager through the trips' use-cases, with its stops. Returns its id. */
export async function trip(t: TestApp, o: TripOptions): Promise<string> {
  const hromadaId = await demoHromadaId(t);
  const actor = await staffActor(t, { username: 'manager', hromadaId });
  const settlements =
    o.settlements ??
    (
      await t.owner<{ code: string }>(
        'SELECT s.code FROM settlements s JOIN hromadas h ON h.code = s.hromada_code WHERE h.id = $1 ORDER BY s.code LIMIT 1',
        [hromadaId],
      )
    ).rows.map((r) => r.code);
  const id = await saveTrip({
    services: t.services,
    actor,
    id: null,
    input: {
      date: o.date ?? addDays(kyivToday(), 1),
      title: o.title ?? `Виїзний прийом (тест ${String(++seq)})`,
      vehicleId: null,
      settlements,
      staff: o.staff,
    },
  });
  for (const personId of o.stops ?? [])
    await changeStops({
      services: t.services,
      actor,
      tripId: id,
      change: { kind: 'add', personId, source: 'manual', reason: null },
    });
  return id;
}
