import type { ApplicantPrefillReader } from '../../persons-web/persons-web.hooks.js';
import { inTenant } from '../../../platform/use-case.js';
import { loadApplicant } from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';

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
