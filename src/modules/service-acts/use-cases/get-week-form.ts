import { AppError } from '../../../platform/errors.js';
import { addDays, kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { weekday } from '../act-rules.js';
import { requireAgency } from '../service-acts.policy.js';
import {
  actsOnDays,
  agencyWorkers,
  workerSchedule,
  type AgencyRow,
  type ScheduleRow,
} from '../service-acts.queries.js';

export interface WeekVisit {
  date: string;
  visit: ScheduleRow;
  /** An act of the assignment by this worker is already written for the day. */
  done: boolean;
}

/**
 * A week of a worker's scheduled visits (Monday `week` to Sunday, no day after today), to record as acts at once:
 * every place, from the assignment's first day. Audited as a read of the recipients' data.
 */
export async function getWeekForm(
  o: UseCase<{ agencyId: number; workerId: string; week: string }>,
): Promise<{ agency: AgencyRow; workerName: string; visits: WeekVisit[] }> {
  return inTenant(o, 'acts.write', async ({ c, actor, hromadaId, audit }) => {
    const agency = await requireAgency(c, actor, 'acts.write', o.agencyId);
    const worker = (await agencyWorkers(c, hromadaId, agency.id)).find((w) => w.id === o.workerId);
    if (!worker) throw new AppError('not_found');
    const schedule = await workerSchedule(c, hromadaId, {
      workerId: worker.id,
      userId: actor.userId,
      agencyIds: [agency.id],
      homeOnly: false,
    });
    const today = kyivToday();
    const acts = await actsOnDays(c, hromadaId, { workerId: worker.id, from: o.week, to: addDays(o.week, 6) });
    const visits: WeekVisit[] = [];
    for (let d = 0; d < 7; d++) {
      const date = addDays(o.week, d);
      if (date > today) break;
      for (const v of schedule) {
        if (!v.weekdays.includes(weekday(date)) || v.from_day > date) continue;
        visits.push({
          date,
          visit: v,
          done: acts.some((a) => a.assignment_id === v.assignment_id && a.act_date === date),
        });
      }
    }
    await audit({
      action: 'round.week',
      operation: 'read',
      entityType: 'user',
      entityId: worker.id,
      fields: ['serviceActs', 'visitSchedule'],
      reason: `week:${o.week};visits:${visits.length}`,
    });
    return { agency, workerName: worker.name, visits };
  });
}
