import { AppError, ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseTypes } from '../../cases/cases.queries.js';
import { parseDefinition } from '../assessment-form.js';
import { requireForm } from '../assessments.policy.js';
import { insertFormCopy, insertFormVersion, updateOwnForm } from '../assessments.queries.js';

export interface FormVersionInput {
  nameUk: string;
  nameEn: string;
  caseTypes: string[];
  definition: string;
  /** The latest version the administrator edited: another one now means someone saved meanwhile. */
  basedOn: number;
}

/**
 * A new version of a form: the definition (JSON) checked by the schema — each problem named by its path —, the names
 * and case types. Versions already written never change, so the assessments filled with them keep their form. A
 * shared form becomes the hromada's own copy (same code, versions going on from the shared one's). Audited.
 */
export async function addFormVersion(
  o: UseCase<{ code: string; input: FormVersionInput }>,
): Promise<{ version: number }> {
  return inTenant(o, 'assessments.manage', async ({ c, actor, hromadaId, audit }) => {
    const form = await requireForm(c, hromadaId, o.code);
    if (form.latest_version !== o.input.basedOn)
      throw new AppError('conflict', { messageKey: 'assessments.errors.staleForm' });
    const problems: Problem[] = [];
    const known = new Set((await caseTypes(c, hromadaId)).map((t) => t.code));
    if (!o.input.caseTypes.length || o.input.caseTypes.some((t) => !known.has(t)))
      problems.push({ field: 'caseTypes', key: 'assessments.v.caseTypes' });
    const parsed = parseDefinition(o.input.definition);
    if (!parsed.ok)
      parsed.problems.forEach((p, i) =>
        problems.push({
          field: i === 0 ? 'definition' : `definition-${i}`,
          key: p.key,
          params: { ...p.params, path: p.path || '—' },
          href: '#definition',
        }),
      );
    if (problems.length || !parsed.ok) throw new ValidationError(problems);
    const version = form.latest_version + 1;
    const names = { nameUk: o.input.nameUk, nameEn: o.input.nameEn, caseTypes: o.input.caseTypes };
    let formId = form.id;
    if (form.hromada_id === null) {
      formId = await insertFormCopy(c, {
        hromadaId,
        from: { ...form, name_uk: names.nameUk, name_en: names.nameEn, case_types: names.caseTypes },
        version,
      });
    } else {
      await updateOwnForm(c, { hromadaId, id: form.id, version, ...names });
    }
    await insertFormVersion(c, { hromadaId, formId, version, definition: parsed.definition, by: actor.userId });
    await audit({
      action: 'assessmentForm.version',
      operation: 'write',
      entityType: 'assessment_form',
      entityId: form.code,
      fields: ['definition', 'names', 'caseTypes'],
    });
    return { version };
  });
}
