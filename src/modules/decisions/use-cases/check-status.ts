import type { Services } from '../../../services.js';
import { auditWriter, type RequestMeta } from '../../../platform/audit.js';
import { publicStatusOf, statusLookup } from '../decisions.queries.js';
import { normaliseRegistrationNumber, normaliseStatusCode, statusCodeHash } from '../status-code.js';

/** What the public status page shows: nothing that names or describes the person. */
export interface PublicStatus {
  registrationNumber: string;
  serviceName: string;
  status: string;
  registeredOn: string | null;
  deadline: string | null;
  /** Each change of status, oldest first (Kyiv dates). */
  changes: { on: string; status: string }[];
}

/**
 * The state of an application for whoever holds its receipt: registration number + check code.
 * A wrong number, a wrong code, a number without a code yet, or a withdrawn hromada all give null
 * (one answer, so the page tells nothing about which part was wrong). A found one is audited in
 * its hromada's trail as a public read. Nobody is signed in: no actor, no permission.
 */
export async function checkStatus(o: {
  services: Pick<Services, 'db' | 'keys'>;
  number: string;
  code: string;
  meta?: RequestMeta;
}): Promise<PublicStatus | null> {
  const { services, meta } = o;
  const number = normaliseRegistrationNumber(o.number);
  const code = normaliseStatusCode(o.code);
  // The hash is computed for every well-formed number so a wrong code costs the same as a right one.
  const hash = statusCodeHash(services, code ?? 'XXXXX-XXXXX');
  if (!number || !code) return null;
  const found = await services.db.tx({ hromadaId: null }, (c) => statusLookup(c, number, hash));
  if (!found) return null;
  return services.db.tx({ hromadaId: found.hromada_id }, async (c) => {
    const a = await publicStatusOf(c, found.application_id);
    if (!a) return null;
    await auditWriter(c, null, meta, { hromadaId: found.hromada_id, actorLabel: 'public' })({
      action: 'application.status.check',
      operation: 'read',
      entityType: 'application',
      entityId: found.application_id,
      fields: ['service', 'status', 'deadline'],
    });
    return {
      registrationNumber: number,
      serviceName: a.service_name,
      status: a.status,
      registeredOn: a.registered_on,
      deadline: a.deadline,
      changes: a.changes,
    };
  });
}
