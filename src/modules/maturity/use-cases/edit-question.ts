import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addQuestion, loadQuestion, questions, updateQuestion } from '../maturity.queries.js';
import type { Domain } from '../maturity.template.js';

/**
 * Adds a question to a domain (`id` null), or changes a question's text or switches it off or on. A question is never
 * deleted: the answers of earlier years keep it.
 */
export async function editQuestion(
  o: UseCase<{ id: string | null; input: { domain: Domain; text: string; active: boolean } }>,
): Promise<string> {
  return inTenant(o, 'maturity.manage', async ({ c, actor, hromadaId, audit }) => {
    await questions(c, hromadaId);
    let id = o.id;
    if (id === null) id = await addQuestion(c, hromadaId, o.input.domain, o.input.text, actor.userId);
    else {
      const q = await loadQuestion(c, hromadaId, id);
      if (!q) throw new AppError('not_found');
      await updateQuestion(c, hromadaId, id, o.input.text, o.input.active);
    }
    await audit({
      action: o.id === null ? 'maturity.question.add' : 'maturity.question.update',
      operation: 'write',
      entityType: 'maturity_question',
      entityId: id,
    });
    return id;
  });
}
