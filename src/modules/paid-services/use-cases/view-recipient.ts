import { AppError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/ids.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  categoriesOf,
  incomesOf,
  paidServiceChoices,
  personName,
  type CategoryRow,
  type Choice,
  type IncomeRow,
} from '../paid-services.queries.js';

export interface RecipientView {
  personId: string;
  name: string;
  incomes: IncomeRow[];
  categories: CategoryRow[];
  services: Choice[];
}

/** A recipient's incomes and payment categories (the manager's page). Unknown: 404. The read is audited. */
export async function viewRecipient(o: UseCase<{ personId: string }>): Promise<RecipientView> {
  return inTenant(o, 'billing.manage', async ({ c, hromadaId, audit }) => {
    const name = isUuid(o.personId) ? await personName(c, hromadaId, o.personId) : null;
    if (name === null) throw new AppError('not_found');
    await audit({
      action: 'billing.recipient.view',
      operation: 'read',
      entityType: 'person',
      entityId: o.personId,
      fields: ['income', 'paymentCategory'],
    });
    return {
      personId: o.personId,
      name,
      incomes: await incomesOf(c, hromadaId, o.personId),
      categories: await categoriesOf(c, hromadaId, [o.personId]),
      services: await paidServiceChoices(c, hromadaId),
    };
  });
}
