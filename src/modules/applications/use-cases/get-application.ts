import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  loadCalendar,
  loadDocumentRequests,
  loadHistory,
  type ApplicationRow,
  type DocumentRequestRow,
  type HistoryRow,
} from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';
import type { WorkCalendar } from '../working-days.js';

export interface ApplicationView {
  application: ApplicationRow;
  history: HistoryRow[];
  requests: DocumentRequestRow[];
  calendar: WorkCalendar;
}

/** One application with its timeline and requests for documents; the read is audited (it holds personal data). */
export async function getApplication(o: UseCase<{ id: string; action?: string }>): Promise<ApplicationView> {
  return inTenant(o, 'applications.read', async ({ c, actor, hromadaId, audit }) => {
    const application = await requireApplication(c, actor, 'applications.read', o.id);
    const history = await loadHistory(c, o.id);
    const requests = await loadDocumentRequests(c, o.id);
    const calendar = await loadCalendar(c, hromadaId);
    await audit({
      action: o.action ?? 'application.view',
      operation: 'read',
      entityType: 'application',
      entityId: o.id,
      fields: ['person', 'service', 'status', 'history', 'documentRequests'],
    });
    return { application, history, requests, calendar };
  });
}
