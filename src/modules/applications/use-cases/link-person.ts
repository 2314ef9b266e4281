import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { maskIdentifier } from '../../persons/persons.identifiers.js';
import { loadApplicant, type ApplicantRow } from '../../cabinet/applicant.js';
import { recordOnlineConsent } from '../../consents/online-consent.js';
import { addHistory } from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';

export interface Candidate {
  id: string; name: string; birthDate: string | null; rnokppMask: string | null; settlement: string | null;
  /** How it matches what the resident typed: the РНОКПП, or the name and birth date. */
  match: 'rnokpp' | 'nameBirthDate';
}

export interface ApplicantPanel {
  lastName: string; firstName: string; patronymic: string | null; birthDate: string; rnokppMask: string | null; phone: string | null;
  candidates: Candidate[];
}

/** Registry persons within the actor's reach that match the applicant: same РНОКПП, or same birth date and surname or given name. */
async function candidatesFor(c: PoolClient, actor: Actor, hromadaId: number, a: ApplicantRow): Promise<Candidate[]> {
  const { rows } = await c.query<{ id: string; name: string; birth_date: string | null; rnokpp_mask: string | null; settlement: string | null;
    district_id: number | null; by_rnokpp: boolean; agencies: number[] }>(
    `SELECT p.id, concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
       p.rnokpp_mask, (SELECT s.name FROM settlements s WHERE s.code = coalesce(p.act_settlement_code, p.reg_settlement_code)) AS settlement,
       p.district_id, ($3::text IS NOT NULL AND p.rnokpp_hash = $3) AS by_rnokpp,
       coalesce((SELECT array_agg(pa.agency_id) FROM person_agencies pa WHERE pa.person_id = p.id), '{}') AS agencies
     FROM persons p
     WHERE p.hromada_id = $1 AND p.merged_into IS NULL
       AND (($3::text IS NOT NULL AND p.rnokpp_hash = $3)
         OR (p.birth_date = $2::date AND (lower(p.last_name) = lower($4) OR lower(p.first_name) = lower($5))))
     ORDER BY by_rnokpp DESC, p.last_name COLLATE "uk-UA-x-icu", p.first_name LIMIT 20`,
    [hromadaId, a.birth_date, a.rnokpp_hash, a.last_name, a.first_name]);
  return rows
    .filter((r) => can(actor, 'registry.read', { hromadaId, districtId: r.district_id, agencyIds: r.agencies }))
    .map((r) => ({ id: r.id, name: r.name, birthDate: r.birth_date, rnokppMask: r.rnokpp_mask, settlement: r.settlement,
      match: r.by_rnokpp ? 'rnokpp' : 'nameBirthDate' }));
}

/**
 * For an application whose person is not confirmed: what the resident typed (the РНОКПП masked)
 * and the registry's candidates within the actor's reach. The read is audited; null when the
 * application has a person.
 */
export async function applicantPanel(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta })
  : Promise<ApplicantPanel | null> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const app = await requireApplication(c, actor, 'applications.read', o.id);
    if (app.person_id !== null) return null;
    const a = await loadApplicant(c, app.id);
    if (!a) return null;
    const candidates = can(actor, 'registry.read') ? await candidatesFor(c, actor, hromadaId, a) : [];
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'application.applicant.view', operation: 'read', entityType: 'application',
      entityId: app.id, fields: ['name', 'birthDate', 'identifiersMasked', 'phone', 'candidates'], reason: `results:${candidates.length}`,
    });
    return { lastName: a.last_name, firstName: a.first_name, patronymic: a.patronymic, birthDate: a.birth_date,
      rnokppMask: a.rnokpp_sealed ? maskIdentifier(o.services.box.open(a.rnokpp_sealed)) : null, phone: a.phone, candidates };
  });
}

/**
 * What the add-person form starts with when a worker adds the applicant to the registry from the
 * application (the РНОКПП in full: it goes into the new record). Audited; null when the
 * application already has a person.
 */
export async function applicantForRegistry(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta })
  : Promise<{ lastName: string; firstName: string; patronymic: string | null; birthDate: string; rnokpp: string | null;
    phone: string | null } | null> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const app = await requireApplication(c, actor, 'applications.process', o.id);
    if (app.person_id !== null) return null;
    const a = await loadApplicant(c, app.id);
    if (!a) return null;
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'application.applicant.toRegistry', operation: 'read', entityType: 'application',
      entityId: app.id, fields: ['name', 'birthDate', 'rnokpp', 'phone'],
    });
    return { lastName: a.last_name, firstName: a.first_name, patronymic: a.patronymic, birthDate: a.birth_date,
      rnokpp: a.rnokpp_sealed ? o.services.box.open(a.rnokpp_sealed) : null, phone: a.phone };
  });
}

/**
 * Links a registry person to an application filed without one (the worker chose a candidate or
 * added the person): the application takes the person (and their district), the timeline says so,
 * the consent ticked online is recorded on the person, and both the application and the person
 * get an audit entry. The resident's account is not linked to the person by this: that needs the
 * identity check (at the first visit or through the identity provider).
 */
export async function linkApplicationPerson(o: {
  services: Services; actor: Actor | null; id: string; personId: string; version?: number; meta?: RequestMeta;
}): Promise<{ version: number }> {
  authorize(o.actor, 'applications.process');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const a = await requireApplication(c, actor, 'applications.process', o.id, true);
    if (o.version !== undefined && o.version !== a.version) throw new AppError('conflict', { messageKey: 'applications.errors.stale' });
    if (a.person_id !== null) throw new AppError('conflict', { messageKey: 'applications.link.already' });
    if (a.status === 'draft' || a.status === 'withdrawn') throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
    const scope = await requirePerson(c, actor, 'registry.read', o.personId);
    if (scope.mergedInto) throw new AppError('conflict', { messageKey: 'applications.link.merged' });
    const { rows } = await c.query<{ version: number }>(
      `UPDATE applications SET person_id = $2, district_id = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [a.id, o.personId, scope.districtId]);
    await c.query('UPDATE application_applicants SET linked_at = now(), linked_by = $2 WHERE application_id = $1', [a.id, actor.userId]);
    await addHistory(c, { hromadaId, applicationId: a.id, actorId: actor.userId, actorLabel: actor.displayName, event: 'personLinked',
      from: a.status, to: a.status });
    await recordOnlineConsent(c, { hromadaId, applicationId: a.id, actorId: actor.userId, actorLabel: actor.displayName, ...o.meta });
    await writeAudit(c, { ...auditBy(actor, o.meta, hromadaId), action: 'application.person.link', operation: 'write',
      entityType: 'application', entityId: a.id, fields: ['person', 'district'] });
    await writeAudit(c, { ...auditBy(actor, o.meta, hromadaId), action: 'person.application.link', operation: 'write',
      entityType: 'person', entityId: o.personId, fields: ['applications'], reason: `application:${a.id}` });
    return { version: rows[0].version };
  });
}
