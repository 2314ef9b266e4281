import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import {
  loadCalendar, loadDocumentRequests, loadHistory, type ApplicationRow, type DocumentRequestRow, type HistoryRow,
} from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';
import type { WorkCalendar } from '../working-days.js';

export interface ApplicationView {
  application: ApplicationRow; history: HistoryRow[]; requests: DocumentRequestRow[]; calendar: WorkCalendar;
}

export interface GetApplicationOptions { services: Services; actor: Actor | null; id: string; meta?: RequestMeta; action?: string }

/** One application with its timeline and requests for documents; the read is audited (it holds personal data). */
export async function getApplication(o: GetApplicationOptions): Promise<ApplicationView> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => getApplicationIn(c, o));
}

export async function getApplicationIn(c: PoolClient, o: GetApplicationOptions): Promise<ApplicationView> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const application = await requireApplication(c, actor, 'applications.read', o.id);
  const [history, requests, calendar] = [await loadHistory(c, o.id), await loadDocumentRequests(c, o.id), await loadCalendar(c, hromadaId)];
  await writeAudit(c, {
    ...auditBy(actor, o.meta, hromadaId), action: o.action ?? 'application.view', operation: 'read',
    entityType: 'application', entityId: o.id, fields: ['person', 'service', 'status', 'history', 'documentRequests']
  });
  return { application, history, requests, calendar };
}
