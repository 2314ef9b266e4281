import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireForm } from '../assessments.policy.js';
import { setFormActive as storeFormActive } from '../assessments.queries.js';

/** Switches a form on or off for the hromada (a shared one by the hromada's own setting); assessments stay. Audited. */
export async function setFormActive(o: UseCase<{ code: string; active: boolean }>): Promise<void> {
  return inTenant(o, 'assessments.manage', async ({ c, hromadaId, audit }) => {
    const form = await requireForm(c, hromadaId, o.code);
    await storeFormActive(c, hromadaId, form, o.active);
    await audit({
      action: o.active ? 'assessmentForm.activate' : 'assessmentForm.deactivate',
      operation: 'write',
      entityType: 'assessment_form',
      entityId: form.code,
      fields: ['active'],
    });
  });
}
