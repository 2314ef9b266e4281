import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { institutions, questions } from '../maturity.queries.js';

/** The institutions with their self-assessments by year, and the questionnaire (the default one the first time). */
export async function listMaturity(o: UseCase) {
  return inTenant(o, 'maturity.read', async ({ c, hromadaId }) => ({
    questions: await questions(c, hromadaId),
    institutions: await institutions(c, hromadaId),
  }));
}
