import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../../cases/cases.policy.js';
import type { CaseRow } from '../../cases/cases.queries.js';
import type { FormDefinition } from '../assessment-form.js';
import { formsForCase, requireFormFor } from '../assessments.policy.js';
import { formDefinitionOf, type FormRow } from '../assessments.queries.js';

export interface AssessmentFormView {
  kase: CaseRow;
  /** The form to fill (its latest version), or null when there are several to choose from. */
  form: (FormRow & { version: number; definition: FormDefinition }) | null;
  /** The forms the case may be assessed with (for the choice). */
  choices: FormRow[];
}

/**
 * The new-assessment page of a case: the form asked for (`code`) or, without one, the only applicable form; several
 * are offered to choose. An audited read (the page names whose case it is). A closed case takes no assessment; a
 * restricted one is «not found» outside its team.
 * `version` asks for the version the worker filled (a re-rendered form after an error).
 */
export async function getAssessmentForm(
  o: UseCase<{ caseId: string; code?: string; version?: number }>,
): Promise<AssessmentFormView> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.caseId);
    requireOpen(row);
    // The page names whose case it is.
    await audit({
      action: 'assessment.form',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: ['subject'],
      reason: row.restricted ? 'restricted' : undefined,
    });
    const choices = await formsForCase(c, hromadaId, row);
    const chosen = o.code ? await requireFormFor(c, hromadaId, row, o.code) : choices.length === 1 ? choices[0] : null;
    if (!chosen) {
      if (!choices.length) throw new AppError('conflict', { messageKey: 'assessments.errors.noFormForType' });
      return { kase: row, form: null, choices };
    }
    const version = o.version && o.version <= chosen.latest_version ? o.version : chosen.latest_version;
    const definition = await formDefinitionOf(c, chosen.id, version);
    if (!definition) throw new AppError('not_found', { messageKey: 'assessments.errors.noForm' });
    return { kase: row, form: { ...chosen, version, definition }, choices };
  });
}
