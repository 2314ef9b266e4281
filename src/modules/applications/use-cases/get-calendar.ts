import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { loadStoredCalendar, type StoredCalendar } from '../calendar.queries.js';

/** The calendar for the page (reading needs the same permission as changing). */
export async function getCalendar(o: UseCase): Promise<StoredCalendar> {
  return inTenant(o, 'calendar.manage', ({ c, hromadaId }) => loadStoredCalendar(c, hromadaId));
}
