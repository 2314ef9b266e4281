import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { requireHousehold } from '../../households/households.policy.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { loadPerson } from '../../persons/persons.queries.js';
import { caseOfApplication, caseTypes, type CaseTypeRow } from '../cases.queries.js';

export interface NewCaseForm {
  types: CaseTypeRow[];
  /** Whose case it will be, in words; null when the form was opened without a subject. */
  subject: string | null;
  /** The granted service when it opens from an application. */
  service: string | null;
  /** A case already opened from this application (the form then links to it). */
  existing: { id: string; number: string } | null;
}

const nameOf = (p: { last_name: string; first_name: string; patronymic: string | null }) =>
  [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' ');

/** What the new-case form shows: the case types and whose case it will be (a read of that record, audited). */
export async function getNewCaseForm(
  o: UseCase<{ personId?: string; householdId?: string; applicationId?: string }>,
): Promise<NewCaseForm> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const types = await caseTypes(c, hromadaId);
    let subject: string | null = null;
    let service: string | null = null;
    let existing: NewCaseForm['existing'] = null;
    let entity: { type: string; id: string } | null = null;
    if (o.applicationId) {
      const a = await requireApplication(c, actor, 'applications.read', o.applicationId);
      subject = a.person_name;
      service = a.service_name;
      existing = await caseOfApplication(c, hromadaId, a.id);
      entity = { type: 'application', id: a.id };
    } else if (o.personId) {
      await requirePerson(c, actor, 'registry.read', o.personId);
      const p = await loadPerson(c, hromadaId, o.personId);
      if (!p) throw new AppError('not_found');
      subject = nameOf(p);
      entity = { type: 'person', id: o.personId };
    } else if (o.householdId) {
      const { household } = await requireHousehold(c, actor, 'registry.read', o.householdId);
      const head = household.head_person_id ? await loadPerson(c, hromadaId, household.head_person_id) : null;
      subject = head ? nameOf(head) : '—';
      entity = { type: 'household', id: household.id };
    }
    if (entity) {
      await audit({
        action: 'case.form',
        operation: 'read',
        entityType: entity.type,
        entityId: entity.id,
        fields: ['name'],
      });
    }
    return { types, subject, service, existing };
  });
}
