import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { approvalProblems } from '../care-rules.js';
import { requireCareFamily } from '../family-care.policy.js';
import { saveCandidateStep, type CandidateStep } from '../family-care.queries.js';

/** A step of the candidates' path as entered (the decision's resulting stage is this use-case's to set). */
export type CandidateStepInput =
  | { step: 'training'; course: string; hours: number; on: string; certificate?: string }
  | { step: 'assessment'; on: string; assessment: 'positive' | 'negative'; note?: string }
  | { step: 'decision'; on: string; decision: 'approved' | 'refused'; number: string; body: string };

const DATE_FIELD = { training: 'trainedOn', assessment: 'assessedOn', decision: 'decidedOn' } as const;

/**
 * Records a step of the candidates' path: the training they completed, the assessment of the family, or the
 * guardianship body's decision. Only candidates take steps (a decided family keeps its record); no day is in the
 * future; an approval needs the training and a positive assessment, and makes the family active (children may be
 * placed with it); a refusal ends the path. A step entered again replaces the earlier entry. Audited.
 */
export async function recordCandidateStep(o: UseCase<{ id: string; input: CandidateStepInput }>): Promise<void> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const f = await requireCareFamily(c, actor, 'care.write', o.id, true);
    if (f.stage !== 'candidate') throw new AppError('conflict', { messageKey: 'care.errors.notCandidate' });
    const i = o.input;
    const dateField = DATE_FIELD[i.step];
    if (i.on > kyivToday())
      throw new ValidationError([{ field: dateField, key: 'care.v.future', href: `#${dateField}-day` }]);
    let step: CandidateStep;
    if (i.step === 'training') step = { ...i, certificate: i.certificate ?? null };
    else if (i.step === 'assessment') step = { ...i, note: i.note ?? null };
    else {
      if (i.decision === 'approved') {
        // Each missing step links to its own form on the page.
        const at = { approveUntrained: '#trainingCourse', approveNotAssessed: '#assessedOn-day' } as const;
        const missing = approvalProblems(f);
        if (missing.length)
          throw new ValidationError(missing.map((key) => ({ field: key, key: `care.v.${key}`, href: at[key] })));
      }
      step = { ...i, stage: i.decision === 'approved' ? 'active' : 'refused' };
    }
    await saveCandidateStep(c, hromadaId, f.household_id, step);
    await audit({
      action: `care.${i.step}`,
      operation: 'write',
      entityType: 'household',
      entityId: f.household_id,
      fields: i.step === 'decision' ? ['decision', 'stage'] : [i.step],
    });
  });
}
