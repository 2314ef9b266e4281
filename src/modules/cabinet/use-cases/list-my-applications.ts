import type { ApplicationRow } from '../../applications/applications.queries.js';
import { loadCalendar } from '../../applications/applications.queries.js';
import type { WorkCalendar } from '../../applications/working-days.js';
import { eachResidentHromada, type ResidentCase } from '../cabinet.policy.js';
import { applicationsOf } from '../cabinet.queries.js';
import { asFiled } from '../applicant.js';

export interface MyApplications {
  linked: boolean;
  items: { row: ApplicationRow; calendar: WorkCalendar }[];
}

/**
 * The resident's applications for all their linked persons and those they filed themselves before
 * their identity was confirmed, newest first; the read is audited.
 */
export async function listMyApplications(o: ResidentCase): Promise<MyApplications> {
  const items: MyApplications['items'] = [];
  let linked = false;
  await eachResidentHromada(
    o.services,
    o.actor,
    o.meta,
    { withApplicantOnly: true },
    async ({ c, hromadaId, personIds: live, linked: here, audit }) => {
      if (here) linked = true;
      const calendar = await loadCalendar(c, hromadaId);
      const rows = await applicationsOf(c, hromadaId, live, o.actor.userId);
      for (const row of rows)
        items.push({ row: await asFiled(c, row, row.person_id !== null && live.includes(row.person_id)), calendar });
      await audit({
        action: 'cabinet.applications.list',
        operation: 'read',
        entityType: 'application',
        fields: ['status', 'service', 'deadline'],
      });
    },
  );
  items.sort((a, b) => b.row.created_at.getTime() - a.row.created_at.getTime());
  return { linked, items };
}
