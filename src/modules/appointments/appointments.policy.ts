/**
 * Who reaches which visit: an appointment sits in its office's district (none for the front office), so a starosta
 * reaches the visits of the offices of their district and the rest of the office staff the whole hromada's.
 */
import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';
import { auditWriter, type AuditWriter, type RequestMeta } from '../../platform/audit.js';
import { can, type Action, type Actor, type TenantActor } from '../../platform/policy.js';
import { publicHromadaId } from '../catalogue/catalogue.queries.js';
import { byHromada, linksOf, livePersonIds } from '../cabinet/cabinet.policy.js';
import {
  loadAppointment,
  loadOffice,
  publicOfficeHromada,
  type AppointmentRow,
  type OfficeRow,
} from './appointments.queries.js';

export const officeScope = (hromadaId: number, o: Pick<OfficeRow, 'district_id'>) => ({
  hromadaId,
  districtId: o.district_id,
});

/** The office if the actor may `action` there (an inactive one only for reading); otherwise 404. */
export async function requireOffice(c: PoolClient, actor: TenantActor, action: Action, id: string, forUpdate = false) {
  const o = await loadOffice(c, actor.hromadaId, id, forUpdate);
  if (!o || !can(actor, action, officeScope(actor.hromadaId, o))) throw new AppError('not_found');
  return o;
}

/** The visit if the actor reaches its office for `action`; anything else is 404. */
export async function requireAppointment(
  c: PoolClient,
  actor: TenantActor,
  action: Action,
  id: string,
  forUpdate = false,
): Promise<AppointmentRow> {
  const a = await loadAppointment(c, actor.hromadaId, id, forUpdate);
  if (!a || !can(actor, action, officeScope(actor.hromadaId, a))) throw new AppError('not_found');
  return a;
}

/**
 * A resident's work in the hromada whose offices the public pages show: its transaction, the resident's linked
 * persons there (the first is who an online booking is for) and an audit writer in that hromada's trail. No such
 * hromada → 404.
 */
export async function inResidentHromada<T>(
  o: { services: Services; actor: Actor; meta?: RequestMeta },
  fn: (w: { c: PoolClient; hromadaId: number; personIds: string[]; audit: AuditWriter }) => Promise<T>,
): Promise<T> {
  const hromadaId = await publicHromadaId(o.services.db);
  if (hromadaId === null) throw new AppError('not_found');
  const linked = byHromada(await linksOf(o.services, o.actor.userId)).get(hromadaId) ?? [];
  return o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) =>
    fn({
      c,
      hromadaId,
      personIds: await livePersonIds(c, linked),
      audit: auditWriter(c, o.actor, o.meta, { hromadaId }),
    }),
  );
}

/** The resident's own visit (booked from the account or for a linked person); anything else is 404. */
export function isMine(a: Pick<AppointmentRow, 'resident_user_id' | 'person_id'>, userId: string, personIds: string[]) {
  return a.resident_user_id === userId || (a.person_id !== null && personIds.includes(a.person_id));
}

/**
 * Work at an open office of an active hromada, with nobody signed in (the queue's kiosk and screen): the office's
 * hromada's transaction and the office (in a deployment of several hromadas, each one's kiosks). An unknown or closed
 * office → 404.
 */
export async function inPublicOffice<T>(
  services: Pick<Services, 'db'>,
  officeId: string,
  fn: (w: { c: PoolClient; hromadaId: number; office: OfficeRow }) => Promise<T>,
): Promise<T> {
  const hromadaId = await publicOfficeHromada(services.db, officeId);
  if (hromadaId === null) throw new AppError('not_found');
  return services.db.tx({ hromadaId }, async (c) => {
    const office = await loadOffice(c, hromadaId, officeId);
    if (!office?.active) throw new AppError('not_found');
    return fn({ c, hromadaId, office });
  });
}
