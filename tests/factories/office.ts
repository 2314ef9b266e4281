import type { TestApp } from '../helpers/app.js';
import { saveOffice } from '../../src/modules/appointments/use-cases/save-office.js';
import { changeOfficeSetup } from '../../src/modules/appointments/use-cases/change-office-setup.js';
import type { DayHours } from '../../src/modules/appointments/slots.js';
import type { OfficeKind } from '../../src/modules/appointments/appointments.queries.js';
import { demoHromadaId } from './hromada.js';
import { staffActor, staffUser } from './staff.js';

export interface OfficeOptions {
  hromadaId?: number;
  name?: string;
  kind?: OfficeKind;
  districtId?: number | null;
  /** The week (every day 08:00–18:00 without a break by default, so any day of a test has slots). */
  hours?: DayHours[];
  /** The services it handles (30-minute visits, one seat, unless told). */
  services: { serviceId: string; slotMinutes?: number; seats?: number }[];
  /** Staff of the office (user ids). */
  staff?: string[];
  absences?: { userId: string; from: string; to: string }[];
  /** Windows of its queue (2 by default). */
  windows?: number;
  /** A remote office's video room address. */
  videoUrl?: string;
}

let seq = 0;

/** Every day of the week `opens`–`closes`. */
export const everyDay = (opens = '08:00', closes = '18:00'): DayHours[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes, breakStarts: null, breakEnds: null }));

/** An office with its week and services, through the offices' use-cases (as a manager of the hromada). */
export async function office(t: TestApp, o: OfficeOptions): Promise<string> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  const demo = hromadaId === (await demoHromadaId(t));
  const actor = demo
    ? await staffActor(t, { username: 'manager', hromadaId })
    : await staffActor(t, { userId: (await staffUser(t, { role: 'manager', hromadaId })).userId, hromadaId });
  const base = { services: t.services, actor };
  const id = await saveOffice({
    ...base,
    id: null,
    input: {
      name: o.name ?? `Місце прийому (тест ${++seq})`,
      kind: o.kind ?? 'front_office',
      districtId: o.districtId ?? null,
      address: null,
      active: true,
      windows: o.windows ?? 2,
      videoUrl: o.videoUrl ?? null,
    },
  });
  await changeOfficeSetup({ ...base, officeId: id, change: { kind: 'hours', hours: o.hours ?? everyDay() } });
  for (const s of o.services)
    await changeOfficeSetup({
      ...base,
      officeId: id,
      change: { kind: 'service', serviceId: s.serviceId, slotMinutes: s.slotMinutes ?? 30, seats: s.seats ?? 1 },
    });
  for (const userId of o.staff ?? [])
    await changeOfficeSetup({ ...base, officeId: id, change: { kind: 'staff', userId } });
  for (const a of o.absences ?? [])
    await changeOfficeSetup({ ...base, officeId: id, change: { kind: 'absence', ...a, reason: null } });
  return id;
}
