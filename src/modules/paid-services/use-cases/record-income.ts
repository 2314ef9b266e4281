import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { insertIncome, isUniqueViolation, personName } from '../paid-services.queries.js';

export interface IncomeInput {
  year: number;
  quarter: number;
  totalKop: number;
  members: number;
  documents: string;
}

/** Records a family's income for a quarter (once per quarter), with the documents it rests on. Audited. */
export async function recordIncome(o: UseCase<{ personId: string; input: IncomeInput }>): Promise<string> {
  try {
    return await inTenant(o, 'billing.manage', async ({ c, actor, hromadaId, audit }) => {
      if ((await personName(c, hromadaId, o.personId)) === null) throw new AppError('not_found');
      const id = await insertIncome(c, hromadaId, { personId: o.personId, ...o.input }, actor.userId);
      await audit({
        action: 'billing.income.record',
        operation: 'write',
        entityType: 'person',
        entityId: o.personId,
        fields: ['income'],
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('quarter', 'paid.v.incomeTaken');
    throw e;
  }
}
