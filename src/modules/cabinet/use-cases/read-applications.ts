import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { loadCalendar, loadHistory, type ApplicationRow, type DocumentRequestRow, type HistoryRow } from '../../applications/applications.queries.js';
import type { WorkCalendar } from '../../applications/working-days.js';
import { byHromada, linksOf, livePersonIds, withOwnApplication } from '../cabinet.access.js';
import { currentDecision } from '../../decisions/decisions.queries.js';
import { applicationsOf, attachmentsOf, onlineFormOf, openDocumentRequest, type AttachmentRow, type OnlineFormRow } from '../cabinet.queries.js';

export interface MyApplications { linked: boolean; items: { row: ApplicationRow; calendar: WorkCalendar }[] }

/** The resident's applications for all their linked persons, newest first; the read is audited. */
export async function listMyApplications(o: { services: Services; actor: Actor; meta?: RequestMeta }): Promise<MyApplications> {
  const links = await linksOf(o.services, o.actor.userId);
  const items: MyApplications['items'] = [];
  for (const [hromadaId, ids] of byHromada(links)) {
    await o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
      const calendar = await loadCalendar(c, hromadaId);
      const rows = await applicationsOf(c, hromadaId, await livePersonIds(c, ids));
      for (const row of rows) items.push({ row, calendar });
      await writeAudit(c, {
        ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.applications.list', operation: 'read',
        entityType: 'application', fields: ['status', 'service', 'deadline']
      });
    });
  }
  items.sort((a, b) => b.row.created_at.getTime() - a.row.created_at.getTime());
  return { linked: links.length > 0, items };
}

export interface MyApplication {
  row: ApplicationRow; history: HistoryRow[]; attachments: AttachmentRow[]; calendar: WorkCalendar;
  form: OnlineFormRow | null; formKey: string | null;
  /** The office's open request for more documents (only while the application waits for them). */
  request: DocumentRequestRow | null;
  hasDecision: boolean;
}

/** One of the resident's own applications with its timeline and documents (404 if not theirs). */
export async function getMyApplication(o: { services: Services; actor: Actor; id: string; meta?: RequestMeta }): Promise<MyApplication> {
  return withOwnApplication(o.services, o.actor, o.id, false, async (c, row, hromadaId) => {
    const key = await c.query<{ k: string | null }>('SELECT idempotency_key AS k FROM applications WHERE id = $1', [row.id]);
    const result = { row, history: await loadHistory(c, row.id), attachments: await attachmentsOf(c, row.id),
      calendar: await loadCalendar(c, hromadaId), form: await onlineFormOf(c, row.id), formKey: key.rows[0].k,
      request: row.status === 'needs_documents' ? await openDocumentRequest(c, row.id) : null,
      hasDecision: (await currentDecision(c, row.id)) !== null };
    await writeAudit(c, {
      ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.application.view', operation: 'read',
      entityType: 'application', entityId: row.id, fields: ['status', 'history', 'documents']
    });
    return result;
  });
}
