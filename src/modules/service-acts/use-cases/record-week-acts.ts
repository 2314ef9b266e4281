import { ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { newActMemo, writeAct, type ActInput } from '../act-writer.js';
import { requireAgency } from '../service-acts.policy.js';

/** A row of a week's form: the act without its worker (the form's), and the row it came from. */
export type WeekRow = Omit<ActInput, 'workerId'> & { row: number };

/**
 * A week of a worker's acts saved at once (from the round's schedule): every row is checked as a single act would be
 * (the earlier rows of the week count for the overlap checks of the later ones) and, if one row is refused, nothing
 * is saved and each refused row is marked. Audited per act.
 */
export async function recordWeekActs(
  o: UseCase<{ agencyId: number; workerId: string; rows: WeekRow[] }>,
): Promise<number> {
  return inTenant(o, 'acts.write', async ({ c, actor, audit }) => {
    await requireAgency(c, actor, 'acts.write', o.agencyId);
    if (!o.rows.length) throw new ValidationError([{ field: 'rows', key: 'acts.v.noRows', href: '#week-rows' }]);
    const problems: Problem[] = [];
    const written: { id: string; personId: string }[] = [];
    const memo = newActMemo(); // the provider's workers read and the worker locked once for the week
    for (const row of o.rows) {
      const field = (f: string) => `r${row.row}-${f}`;
      const r = await writeAct(c, actor, { ...row, workerId: o.workerId }, { field, memo });
      if (!r.ok) {
        problems.push(...r.problems);
        continue;
      }
      if (r.assignment.agency_id !== o.agencyId) {
        problems.push({ field: field('assignmentId'), key: 'acts.v.assignment' });
        continue;
      }
      written.push({ id: r.id, personId: r.assignment.person_id });
    }
    if (problems.length) throw new ValidationError(problems);
    for (const w of written)
      await audit({
        action: 'serviceAct.week',
        operation: 'write',
        entityType: 'person',
        entityId: w.personId,
        fields: ['serviceActs'],
        reason: `act:${w.id}`,
      });
    return written.length;
  });
}
