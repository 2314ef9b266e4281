import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { answers, institutions, loadAssessment, questions } from '../maturity.queries.js';

/** An assessment with its questions (the active ones and any answered before), answers and the institution's years. */
export async function viewAssessment(o: UseCase<{ id: string }>) {
  return inTenant(o, 'maturity.read', async ({ c, hromadaId }) => {
    const a = await loadAssessment(c, hromadaId, o.id);
    if (!a) throw new AppError('not_found');
    const given = await answers(c, hromadaId, a.id);
    const answered = new Set(given.map((g) => g.question_id));
    const qs = (await questions(c, hromadaId)).filter((q) => q.active || answered.has(q.id));
    const years = (await institutions(c, hromadaId, a.agency_id))[0]?.assessments ?? [];
    return { assessment: a, questions: qs, answers: given, years };
  });
}
