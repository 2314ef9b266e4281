/**
 * What an offline package holds (decision 0036 part 5): the trip and its stops, only the trip's residents with the
 * minimum the workstation needs, the catalogue with the documents each service asks for, the offices that book visits
 * and the hromada's settlements. The token binds it to the worker and the trip; `salt` is for the device's key.
 */
import type { Config } from '../../platform/config.js';
import type { AuditWriter } from '../../platform/audit.js';
import type { PackagePersonRow, StopRow, TripRow } from './outreach.queries.js';

export const packageExpiryDays = (config: Pick<Config, 'OUTREACH_PACKAGE_DAYS'>) => config.OUTREACH_PACKAGE_DAYS;

export interface PackageParts {
  id: string;
  tripId: string;
  workerId: string;
  issuedAt: Date;
  expiresAt: Date;
  salt: string;
  trip: TripRow;
  settlements: { code: string; name: string }[];
  stops: StopRow[];
  persons: PackagePersonRow[];
  services: { id: string; name: string; documents: { id: string; name: string; required: boolean }[] }[];
  offices: { id: string; name: string; services: { id: string; name: string; slotMinutes: number }[] }[];
  allSettlements: { value: string; text: string }[];
  /** What this member may do on the device. */
  may: { register: boolean; apply: boolean; note: boolean; book: boolean; act: boolean };
}

export function packageJson(p: PackageParts) {
  return {
    format: 1,
    may: p.may,
    id: p.id,
    tripId: p.tripId,
    workerId: p.workerId,
    issuedAt: p.issuedAt.toISOString(),
    expiresAt: p.expiresAt.toISOString(),
    salt: p.salt,
    trip: {
      date: p.trip.trip_date,
      title: p.trip.title,
      settlements: p.settlements,
      stops: p.stops.map((s) => ({
        id: s.id,
        position: s.position,
        personId: s.person_id,
        reason: s.reason,
        address: s.address,
        outcome: s.outcome,
      })),
    },
    persons: p.persons.map(packagePerson),
    services: p.services,
    offices: p.offices,
    settlements: p.allSettlements.map((s) => ({ code: s.value, name: s.text })),
  };
}

/** A resident as the package (and the device) holds them. */
export const packagePerson = (r: PackagePersonRow) => ({
  id: r.id,
  version: r.version,
  lastName: r.last_name,
  firstName: r.first_name,
  patronymic: r.patronymic,
  birthDate: r.birth_date,
  sex: r.sex,
  phone: r.phone,
  email: r.email,
  settlementCode: r.settlement_code,
  settlementName: r.settlement_name,
  street: r.street,
  house: r.house,
  apartment: r.apartment,
  rnokppMask: r.rnokpp_mask,
  contactsHidden: r.contacts_hidden,
  cases: r.cases,
  assignments: r.assignments.map((a) => ({ id: a.id, service: a.service, agency: a.agency, fromDay: a.fromDay })),
});

/**
 * Audits each resident sent to a device (in a package or a conflict's outcome) as a read of the fields it carries;
 * `reason` names the package.
 */
export async function auditResidentsSent(
  audit: AuditWriter,
  persons: { id: string; assignments: unknown[] }[],
  reason: string,
) {
  for (const p of persons)
    await audit({
      action: 'outreach.package.person',
      operation: 'read',
      entityType: 'person',
      entityId: p.id,
      fields: ['name', 'birthDate', 'contacts', 'address', 'cases', ...(p.assignments.length ? ['assignments'] : [])],
      reason,
    });
}
