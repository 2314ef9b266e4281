import type { TFunction } from 'i18next';
import { displayDate, kyivToday } from '../../platform/dates.js';
import { presentDeadline, presentHistory, statusTag } from '../applications/applications.presenter.js';
import { nextStatus } from '../applications/status-machine.js';
import type { MyApplication } from './use-cases/get-my-application.js';
import type { MyApplications } from './use-cases/list-my-applications.js';
import type { AttachmentRow, ResidentDocumentRow } from './cabinet.queries.js';
import { responseFileField, responsePickField } from './online-form.js';

/** «1,5 МБ», «320 КБ» — sizes in words a resident reads. */
export function fileSize(bytes: number, t: TFunction): string {
  if (bytes >= 1024 * 1024) return t('cabinet.size.mb', { n: (bytes / 1024 / 1024).toFixed(1).replace('.', ',') });
  return t('cabinet.size.kb', { n: Math.max(1, Math.round(bytes / 1024)) });
}

export function presentMyList(list: MyApplications, t: TFunction) {
  const today = kyivToday();
  return list.items.map(({ row, calendar }) => ({
    id: row.id,
    href: `/cabinet/applications/${row.id}`,
    number: row.registration_number ?? t('cabinet.applications.noNumber'),
    service: row.service_name,
    person: row.person_name,
    status: statusTag(row.status, t),
    deadline: presentDeadline(row, today, calendar, t),
    created: row.created_at,
  }));
}

export const presentAttachment = (a: AttachmentRow, t: TFunction) => ({
  requirement: a.requirement,
  fileName: a.file_name,
  size: fileSize(a.size, t),
  sha256: a.sha256,
});

export function presentMyApplication(v: MyApplication, t: TFunction) {
  const { row } = v;
  return {
    id: row.id,
    number: row.registration_number ?? t('cabinet.applications.noNumber'),
    service: row.service_name,
    person: row.person_name,
    status: statusTag(row.status, t),
    statusCode: row.status,
    version: row.version,
    deadline: presentDeadline(row, kyivToday(), v.calendar, t),
    registeredOn: displayDate(row.registered_on),
    refusalReason: row.refusal_reason,
    canWithdraw: nextStatus(row.status, 'withdraw') !== null,
    isDraft: row.status === 'draft',
    serviceId: row.service_id,
    history: presentHistory(v.history, t),
    attachments: v.attachments.map((a) => presentAttachment(a, t)),
    consent: Boolean(v.form?.consent_at),
    formKey: v.formKey,
    /** Filed before the account's identity was confirmed: the one step left is shown (not for drafts or withdrawn ones). */
    identityStep: !v.confirmed && !['draft', 'withdrawn'].includes(row.status),
    decisionHref: v.hasDecision ? `/cabinet/applications/${row.id}/decision.pdf` : null,
    request: v.request
      ? {
          id: v.request.id,
          dueOn: displayDate(v.request.due_on),
          overdue: v.request.due_on < kyivToday(),
          documents: v.request.documents.map((name, i) => ({
            name,
            field: responseFileField(i),
            pick: responsePickField(i),
          })),
        }
      : null,
  };
}

export const presentDocument = (d: ResidentDocumentRow, t: TFunction) => ({
  id: d.id,
  title: d.title,
  fileName: d.file_name,
  size: fileSize(d.size, t),
  type: t(`cabinet.type.${d.content_type.replace(/^.*\//, '')}`),
  created: d.created_at,
});
