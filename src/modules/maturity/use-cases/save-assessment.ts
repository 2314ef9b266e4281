import { AppError, ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { answers, loadAssessment, questions, saveAnswers } from '../maturity.queries.js';

/**
 * Saves an assessment's answers (a score 0–4 and a comment per question); `submit` also closes it, and then every
 * active question must have its score. A submitted assessment is not changed again.
 */
export async function saveAssessment(
  o: UseCase<{ id: string; scores: Record<string, number>; comments: Record<string, string>; submit: boolean }>,
) {
  return inTenant(o, 'maturity.manage', async ({ c, actor, hromadaId, audit }) => {
    const a = await loadAssessment(c, hromadaId, o.id, true);
    if (!a) throw new AppError('not_found');
    if (a.status === 'submitted') throw new AppError('conflict', { messageKey: 'maturity.v.submitted' });
    const given = new Set((await answers(c, hromadaId, a.id)).map((g) => g.question_id));
    const qs = (await questions(c, hromadaId)).filter((q) => q.active || given.has(q.id));
    const known = new Set(qs.map((q) => q.id));
    const problems: Problem[] = [];
    for (const id of Object.keys(o.scores))
      if (!known.has(id)) problems.push({ field: `q${id}`, key: 'maturity.v.question' });
    if (o.submit)
      for (const q of qs)
        if (q.active && o.scores[q.id] === undefined) problems.push({ field: `q${q.id}`, key: 'maturity.v.score' });
    if (problems.length) throw new ValidationError(problems);
    const list = qs
      .filter((q) => o.scores[q.id] !== undefined)
      .map((q) => ({ questionId: q.id, score: o.scores[q.id], comment: o.comments[q.id]?.trim() || null }));
    await saveAnswers(c, hromadaId, a.id, list, o.submit ? actor.userId : null);
    await audit({
      action: o.submit ? 'maturity.assessment.submit' : 'maturity.assessment.save',
      operation: 'write',
      entityType: 'maturity_assessment',
      entityId: a.id,
      reason: `answers:${list.length}`,
    });
  });
}
