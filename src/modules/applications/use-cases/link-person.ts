import { can, type TenantActor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import type { ApplicantPrefillReader } from '../../persons-web/persons-web.hooks.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { maskIdentifier } from '../../persons/persons.identifiers.js';
import { recordOnlineConsent } from '../../consents/online-consent.js';
import {
  addHistory,
  applicantCandidates,
  loadApplicant,
  markApplicantLinked,
  setPerson,
  type ApplicantRow,
} from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';
import type { PoolClient } from 'pg';

export interface Candidate {
  id: string;
  name: string;
  birthDate: string | null;
  rnokppMask: string | null;
  settlement: string | null;
  /** How it matches what the resident typed: the РНОКПП, or the name and birth date. */
  match: 'rnokpp' | 'nameBirthDate';
}

export interface ApplicantPanel {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  birthDate: string;
  rnokppMask: string | null;
  phone: string | null;
  candidates: Candidate[];
}

/** Registry persons within the actor's reach that match the applicant: same РНОКПП, or same birth date and surname or given name. */
async function candidatesFor(
  c: PoolClient,
  actor: TenantActor,
  hromadaId: number,
  a: ApplicantRow,
): Promise<Candidate[]> {
  const rows = await applicantCandidates(c, hromadaId, a);
  return rows
    .filter((r) => can(actor, 'registry.read', { hromadaId, districtId: r.district_id, agencyIds: r.agencies }))
    .map((r) => ({
      id: r.id,
      name: r.name,
      birthDate: r.birth_date,
      rnokppMask: r.rnokpp_mask,
      settlement: r.settlement,
      match: r.by_rnokpp ? 'rnokpp' : 'nameBirthDate',
    }));
}

/**
 * For an application whose person is not confirmed: what the resident typed (the РНОКПП masked)
 * and the registry's candidates within the actor's reach. The read is audited; null when the
 * application has a person.
 */
export async function applicantPanel(o: UseCase<{ id: string }>): Promise<ApplicantPanel | null> {
  return inTenant(o, 'applications.read', async ({ c, actor, hromadaId, audit }) => {
    const app = await requireApplication(c, actor, 'applications.read', o.id);
    if (app.person_id !== null) return null;
    const a = await loadApplicant(c, app.id);
    if (!a) return null;
    const candidates = can(actor, 'registry.read') ? await candidatesFor(c, actor, hromadaId, a) : [];
    await audit({
      action: 'application.applicant.view',
      operation: 'read',
      entityType: 'application',
      entityId: app.id,
      fields: ['name', 'birthDate', 'identifiersMasked', 'phone', 'candidates'],
      reason: `results:${candidates.length}`,
    });
    return {
      lastName: a.last_name,
      firstName: a.first_name,
      patronymic: a.patronymic,
      birthDate: a.birth_date,
      rnokppMask: a.rnokpp_sealed ? maskIdentifier(o.services.box.open(a.rnokpp_sealed)) : null,
      phone: a.phone,
      candidates,
    };
  });
}

/**
 * What the add-person form starts with when a worker adds the applicant to the registry from the
 * application (the РНОКПП in full: it goes into the new record). Audited; null when the
 * application already has a person.
 */
export const applicantForRegistry: ApplicantPrefillReader = async (o) => {
  return inTenant(o, 'registry.write', async ({ c, actor, audit }) => {
    const app = await requireApplication(c, actor, 'applications.process', o.id);
    if (app.person_id !== null) return null;
    const a = await loadApplicant(c, app.id);
    if (!a) return null;
    await audit({
      action: 'application.applicant.toRegistry',
      operation: 'read',
      entityType: 'application',
      entityId: app.id,
      fields: ['name', 'birthDate', 'rnokpp', 'phone'],
    });
    return {
      lastName: a.last_name,
      firstName: a.first_name,
      patronymic: a.patronymic,
      birthDate: a.birth_date,
      rnokpp: a.rnokpp_sealed ? o.services.box.open(a.rnokpp_sealed) : null,
      phone: a.phone,
    };
  });
};

/**
 * Links a registry person to an application filed without one (the worker chose a candidate or
 * added the person): the application takes the person (and their district), the timeline says so,
 * the consent ticked online is recorded on the person, and both the application and the person
 * get an audit entry. The resident's account is not linked to the person by this: that needs the
 * identity check (at the first visit or through the identity provider).
 */
export async function linkApplicationPerson(
  o: UseCase<{ id: string; personId: string; version?: number }>,
): Promise<{ version: number }> {
  return inTenant(o, 'applications.process', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireApplication(c, actor, 'applications.process', o.id, true);
    if (o.version !== undefined && o.version !== a.version)
      throw new AppError('conflict', { messageKey: 'applications.errors.stale' });
    if (a.person_id !== null) throw new AppError('conflict', { messageKey: 'applications.link.already' });
    if (a.status === 'draft' || a.status === 'withdrawn') {
      throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
    }
    const scope = await requirePerson(c, actor, 'registry.read', o.personId);
    if (scope.mergedInto) throw new AppError('conflict', { messageKey: 'applications.link.merged' });
    const version = await setPerson(c, a.id, o.personId, scope.districtId ?? null);
    await markApplicantLinked(c, a.id, actor.userId);
    await addHistory(c, {
      hromadaId,
      applicationId: a.id,
      by: actor,
      event: 'personLinked',
      from: a.status,
      to: a.status,
    });
    await recordOnlineConsent(c, { hromadaId, applicationId: a.id, audit });
    await audit({
      action: 'application.person.link',
      operation: 'write',
      entityType: 'application',
      entityId: a.id,
      fields: ['person', 'district'],
    });
    await audit({
      action: 'person.application.link',
      operation: 'write',
      entityType: 'person',
      entityId: o.personId,
      fields: ['applications'],
      reason: `application:${a.id}`,
    });
    return { version };
  });
}
