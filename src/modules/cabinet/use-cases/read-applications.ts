import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { loadCalendar, loadHistory, type ApplicationRow, type DocumentRequestRow, type HistoryRow } from '../../applications/applications.queries.js';
import type { WorkCalendar } from '../../applications/working-days.js';
import { livePersonIds, residentHromadas, withOwnApplication } from '../cabinet.access.js';
import { applicantToValues, loadApplicant, type ApplicantValues } from '../applicant.js';
import { currentDecision } from '../../decisions/decisions.queries.js';
import { applicationsOf, attachmentsOf, onlineFormOf, openDocumentRequest, type AttachmentRow, type OnlineFormRow } from '../cabinet.queries.js';

export interface MyApplications { linked: boolean; items: { row: ApplicationRow; calendar: WorkCalendar }[] }

/**
 * The resident's applications for all their linked persons and those they filed themselves before
 * their identity was confirmed, newest first; the read is audited.
 */
export async function listMyApplications(o: { services: Services; actor: Actor; meta?: RequestMeta }): Promise<MyApplications> {
  const hromadas = await residentHromadas(o.services, o.actor.userId);
  const items: MyApplications['items'] = [];
  let linked = false;
  for (const [hromadaId, ids] of hromadas) {
    if (ids.length) linked = true;
    await o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
      const calendar = await loadCalendar(c, hromadaId);
      const live = await livePersonIds(c, ids);
      const rows = await applicationsOf(c, hromadaId, live, o.actor.userId);
      for (const row of rows) items.push({ row: await asFiled(c, row, row.person_id !== null && live.includes(row.person_id)), calendar });
      await writeAudit(c, {
        ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.applications.list', operation: 'read',
        entityType: 'application', fields: ['status', 'service', 'deadline']
      });
    });
  }
  items.sort((a, b) => b.row.created_at.getTime() - a.row.created_at.getTime());
  return { linked, items };
}

/**
 * Until the account's identity is confirmed for the person a worker linked, the resident sees the
 * application as they filed it: the name they typed, never the registry's record.
 */
async function asFiled(c: PoolClient, row: ApplicationRow, confirmed: boolean): Promise<ApplicationRow> {
  if (confirmed || row.person_id === null) return row;
  const typed = await loadApplicant(c, row.id);
  return { ...row, person_name: typed ? [typed.last_name, typed.first_name, typed.patronymic].filter(Boolean).join(' ') : '',
    person_birth_date: typed?.birth_date ?? null };
}

export interface MyApplication {
  row: ApplicationRow; history: HistoryRow[]; attachments: AttachmentRow[]; calendar: WorkCalendar;
  form: OnlineFormRow | null; formKey: string | null;
  /** The office's open request for more documents (only while the application waits for them). */
  request: DocumentRequestRow | null;
  hasDecision: boolean;
  /** Filed by the account for a linked person (false: the resident's identity is not confirmed for it yet). */
  confirmed: boolean;
  /** What the resident typed about themselves, for continuing a draft filed without a registry link. */
  applicant: ApplicantValues | null;
}

/** One of the resident's own applications with its timeline and documents (404 if not theirs). */
export async function getMyApplication(o: { services: Services; actor: Actor; id: string; meta?: RequestMeta }): Promise<MyApplication> {
  return withOwnApplication(o.services, o.actor, o.id, false, async (c, found, hromadaId, confirmed) => {
    const row = await asFiled(c, found, confirmed);
    const key = await c.query<{ k: string | null }>('SELECT idempotency_key AS k FROM applications WHERE id = $1', [row.id]);
    const typed = row.status === 'draft' && row.person_id === null ? await loadApplicant(c, row.id) : null;
    const result = { row, history: await loadHistory(c, row.id), attachments: await attachmentsOf(c, row.id),
      calendar: await loadCalendar(c, hromadaId), form: await onlineFormOf(c, row.id), formKey: key.rows[0].k,
      request: row.status === 'needs_documents' ? await openDocumentRequest(c, row.id) : null,
      hasDecision: confirmed && (await currentDecision(c, row.id)) !== null, confirmed,
      applicant: typed && applicantToValues(typed, typed.rnokpp_sealed ? o.services.box.open(typed.rnokpp_sealed) : null) };
    await writeAudit(c, {
      ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.application.view', operation: 'read',
      entityType: 'application', entityId: row.id, fields: ['status', 'history', 'documents']
    });
    return result;
  });
}
