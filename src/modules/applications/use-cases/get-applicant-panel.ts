import type { PoolClient } from 'pg';
import { can, type TenantActor } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { maskIdentifier } from '../../persons/persons.identifiers.js';
import { applicantCandidates, loadApplicant, type ApplicantRow } from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';

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
