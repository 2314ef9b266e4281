import type { WorkCalendar } from '../../applications/working-days.js';
import {
  loadCalendar,
  loadHistory,
  type ApplicationRow,
  type DocumentRequestRow,
  type HistoryRow,
} from '../../applications/applications.queries.js';
import { currentDecision } from '../../decisions/decisions.queries.js';
import { withOwnApplication, type ResidentCase } from '../cabinet.policy.js';
import { applicantToValues, asFiled, type ApplicantValues } from '../applicant.js';
import {
  attachmentsOf,
  formKeyOf,
  loadApplicant,
  onlineFormOf,
  openDocumentRequest,
  type AttachmentRow,
  type OnlineFormRow,
} from '../cabinet.queries.js';

export interface MyApplication {
  row: ApplicationRow;
  history: HistoryRow[];
  attachments: AttachmentRow[];
  calendar: WorkCalendar;
  form: OnlineFormRow | null;
  formKey: string | null;
  /** The office's open request for more documents (only while the application waits for them). */
  request: DocumentRequestRow | null;
  hasDecision: boolean;
  /** Filed by the account for a linked person (false: the resident's identity is not confirmed for it yet). */
  confirmed: boolean;
  /** What the resident typed about themselves, for continuing a draft filed without a registry link. */
  applicant: ApplicantValues | null;
}

/** One of the resident's own applications with its timeline and documents (404 if not theirs). */
export async function getMyApplication(o: ResidentCase<{ id: string }>): Promise<MyApplication> {
  return withOwnApplication(
    o.services,
    o.actor,
    o.id,
    false,
    async (c, found, hromadaId, confirmed, audit) => {
      const row = await asFiled(c, found, confirmed);
      const formKey = await formKeyOf(c, row.id);
      const typed = row.status === 'draft' && row.person_id === null ? await loadApplicant(c, row.id) : null;
      const result = {
        row,
        history: await loadHistory(c, row.id),
        attachments: await attachmentsOf(c, row.id),
        calendar: await loadCalendar(c, hromadaId),
        form: await onlineFormOf(c, row.id),
        formKey,
        request: row.status === 'needs_documents' ? await openDocumentRequest(c, row.id) : null,
        hasDecision: confirmed && (await currentDecision(c, row.id)) !== null,
        confirmed,
        applicant:
          typed && applicantToValues(typed, typed.rnokpp_sealed ? o.services.box.open(typed.rnokpp_sealed) : null),
      };
      await audit({
        action: 'cabinet.application.view',
        operation: 'read',
        entityType: 'application',
        entityId: row.id,
        fields: ['status', 'history', 'documents'],
      });
      return result;
    },
    o.meta,
  );
}
