import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../../cases/cases.policy.js';
import { addCaseEvent } from '../../cases/cases.queries.js';
import { changeCaseStatus } from '../../cases/use-cases/change-case-status.js';
import { mainResult, readAnswers, scoreAnswers, type Label } from '../assessment-form.js';
import { requireFormFor } from '../assessments.policy.js';
import { formDefinitionOf, insertAssessment, markReviewsDone } from '../assessments.queries.js';

/**
 * Saves a case's assessment filled with one version of a form: the answers checked against that version (each
 * missing required answer, wrong type or value out of range is a problem of its question; nothing is saved), the
 * scores computed and stored with it, the re-assessments due fulfilled, a timeline event, and a case still «open»
 * moved to «assessment» by the case's own status machine. Audited.
 */
export async function completeAssessment(
  o: UseCase<{
    caseId: string;
    code: string;
    version: number;
    body: Record<string, unknown>;
    labelOf: (l: Label) => string;
  }>,
): Promise<{ id: string }> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.caseId, true);
    requireOpen(row);
    const form = await requireFormFor(c, hromadaId, row, o.code);
    const definition = o.version <= form.latest_version ? await formDefinitionOf(c, form.id, o.version) : null;
    if (!definition) throw new AppError('conflict', { messageKey: 'assessments.errors.version' });
    const { answers, problems } = readAnswers(definition, o.body, o.labelOf);
    if (problems.length) throw new ValidationError(problems);
    const scores = scoreAnswers(definition, answers);
    const main = mainResult(scores);
    const id = await insertAssessment(c, {
      hromadaId,
      caseId: row.id,
      formId: form.id,
      version: o.version,
      answers,
      scores,
      main,
      completedOn: kyivToday(),
      by: actor,
    });
    const reviews = await markReviewsDone(c, hromadaId, row.id, id);
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: main?.band ? 'assessments.event.completedScored' : 'assessments.event.completed',
      data: {
        form: form.name_uk,
        version: o.version,
        score: main?.value ?? null,
        result: main?.band?.label.uk ?? null,
        reviews,
      },
    });
    await audit({
      action: 'assessment.complete',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['assessments'],
    });
    if (row.status === 'open') await changeCaseStatus({ ...o, tx: c, audit, id: row.id, command: 'startAssessment' });
    return { id };
  });
}
