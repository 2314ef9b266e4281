import { problem, ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { cents, money } from '../contract-rules.js';
import { isUniqueViolation, servicesByIds } from '../contracts.queries.js';
import type { OrderInput } from '../contracts.schema.js';
import { insertOrder } from '../social-orders.queries.js';

/**
 * Drafts a social order of the hromada: its number, subject, period, budget and lines (service, volume with its unit,
 * unit price). The lines' totals (volume × unit price) may not exceed the budget; a crisis service is fine here (the
 * hromada may buy crisis services too). Audited.
 */
export async function createSocialOrder(o: UseCase<{ input: OrderInput }>): Promise<string> {
  const i = o.input;
  try {
    return await inTenant(o, 'socialOrders.manage', async ({ c, actor, hromadaId, audit }) => {
      const known = new Set(
        (
          await servicesByIds(
            c,
            hromadaId,
            i.lines.map((l) => l.serviceId),
          )
        ).map((s) => s.id),
      );
      const problems: Problem[] = [];
      i.lines.forEach((l, n) => {
        if (!known.has(l.serviceId)) problems.push({ field: `service-${n + 1}`, key: 'contracts.v.service' });
      });
      // In cents: 0.1 + 0.2 is not 0.3 in floating point, and a budget is met to the kopeck.
      const total = i.lines.reduce((sum, l) => sum + Math.round(l.volume * cents(l.unitPrice)), 0);
      if (total > cents(i.budget))
        problems.push({
          field: 'budget',
          key: 'contracts.v.overBudget',
          params: { total: money(total / 100), budget: money(i.budget) },
        });
      if (problems.length) throw new ValidationError(problems);
      const id = await insertOrder(c, hromadaId, i, actor.userId);
      await audit({
        action: 'socialOrder.create',
        operation: 'write',
        entityType: 'social_order',
        entityId: id,
        fields: ['socialOrder'],
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('number', 'contracts.v.orderNumberTaken');
    throw e;
  }
}
