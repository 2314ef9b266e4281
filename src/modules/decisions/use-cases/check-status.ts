import type { Services } from '../../../services.js';
import { writeAudit, type RequestMeta } from '../../../platform/audit.js';
import { normaliseRegistrationNumber, normaliseStatusCode, statusCodeHash } from '../status-code.js';

/** What the public status page shows: nothing that names or describes the person. */
export interface PublicStatus {
  registrationNumber: string; serviceName: string; status: string; registeredOn: string | null; deadline: string | null;
  /** Each change of status, oldest first (Kyiv dates). */
  changes: { on: string; status: string }[];
}

/**
 * The state of an application for whoever holds its receipt: registration number + check code.
 * A wrong number, a wrong code, a number without a code yet, or a withdrawn hromada all give null
 * (one answer, so the page tells nothing about which part was wrong). A found one is audited in
 * its hromada's trail as a public read.
 */
export async function checkStatus(services: Pick<Services, 'db' | 'keys'>, typed: { number: string; code: string }, meta?: RequestMeta)
  : Promise<PublicStatus | null> {
  const number = normaliseRegistrationNumber(typed.number);
  const code = normaliseStatusCode(typed.code);
  // The hash is computed for every well-formed number so a wrong code costs the same as a right one.
  const hash = statusCodeHash(services, code ?? 'XXXXX-XXXXX');
  if (!number || !code) return null;
  const found = await services.db.tx({ hromadaId: null }, async (c) => (await c.query<{ hromada_id: number; application_id: string }>(
    'SELECT hromada_id, application_id FROM application_status_lookup($1, $2)', [number, hash])).rows[0] ?? null);
  if (!found) return null;
  return services.db.tx({ hromadaId: found.hromada_id }, async (c) => {
    const a = (await c.query<{ status: string; service_name: string; registered_on: string | null; deadline: string | null }>(
      `SELECT a.status, s.name AS service_name, to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on,
         to_char(a.deadline, 'YYYY-MM-DD') AS deadline
       FROM applications a JOIN services s ON s.id = a.service_id WHERE a.id = $1`, [found.application_id])).rows[0];
    if (!a) return null;
    const changes = (await c.query<{ on: string; status: string }>(
      `SELECT to_char(at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD') AS on, to_status AS status FROM application_history
       WHERE application_id = $1 AND to_status IS DISTINCT FROM from_status AND to_status <> 'submitted' ORDER BY at, id`,
      [found.application_id])).rows;
    await writeAudit(c, {
      hromadaId: found.hromada_id, actorId: null, actorLabel: 'public', action: 'application.status.check', operation: 'read',
      entityType: 'application', entityId: found.application_id, fields: ['service', 'status', 'deadline'],
      ip: meta?.ip, requestId: meta?.requestId,
    });
    return { registrationNumber: number, serviceName: a.service_name, status: a.status, registeredOn: a.registered_on,
      deadline: a.deadline, changes };
  });
}
