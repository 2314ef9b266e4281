import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { formatDateTime, type Locale } from '../../platform/i18n.js';
import { caseCommands, NEEDS_APPROVAL, NEEDS_REASON, type CaseStatus } from './case-machine.js';
import type { CaseEventRow, CaseNoteRow, CaseRow, TeamRow } from './cases.queries.js';
import type { CaseJson } from './cases.schema.js';
import type { PlanItemRow, PlanRow } from './plan.queries.js';
import { planToJson } from './plan.presenter.js';

const STATUS_TAG: Record<CaseStatus, string> = {
  open: 'govuk-tag--blue',
  assessment: 'govuk-tag--light-blue',
  plan: 'govuk-tag--purple',
  active: 'govuk-tag--green',
  review: 'govuk-tag--yellow',
  closed: 'govuk-tag--grey',
};

/** A case as the list and the card show it. */
export function presentCaseItem(k: CaseRow, t: TFunction, locale: Locale) {
  return {
    id: k.id,
    href: `/cases/${k.id}`,
    number: k.number,
    subject: k.subject_name || '—',
    subjectHref: k.person_id ? `/persons/${k.person_id}` : `/households/${k.household_id ?? ''}`,
    type: locale === 'en' ? k.type_en : k.type_uk,
    status: { text: t(`cases.status.${k.status}`), classes: STATUS_TAG[k.status] },
    priority: t(`cases.priority.${k.priority}`),
    urgent: k.priority === 'urgent' || k.priority === 'high',
    manager: k.manager_name,
    opened: displayDate(k.opened_on),
    closed: displayDate(k.closed_on),
    restricted: k.restricted,
  };
}

/** The case page: the case, what may be done next, the timeline and the notes (the team is its own section). */
export function presentCase(
  v: { row: CaseRow; events: CaseEventRow[]; notes: CaseNoteRow[] },
  t: TFunction,
  locale: Locale,
) {
  const k = v.row;
  return {
    ...presentCaseItem(k, t, locale),
    version: k.version,
    applicationHref: k.application_id ? `/applications/${k.application_id}` : null,
    applicationNumber: k.application_number,
    closeReason: k.close_reason,
    isClosed: k.status === 'closed',
    // A restricted case's subject: their contacts hidden outside the team unless the team lifted that (decision 0023).
    protection: k.restricted
      ? {
          lifted: k.protection_lifted_at !== null,
          liftedAt: k.protection_lifted_at ? formatDateTime(k.protection_lifted_at) : null,
          liftedBy: k.protection_lifted_by_name,
          reason: k.protection_lifted_reason,
        }
      : null,
    // Closing is asked for and approved on its own form (the supervisor's approval), not a command button.
    commands: caseCommands(k.status)
      .filter((command) => !NEEDS_APPROVAL.includes(command))
      .map((command) => ({
        command,
        text: t(`cases.command.${command}`),
        needsReason: NEEDS_REASON.includes(command),
      })),
    events: v.events.map((e) => ({
      at: formatDateTime(e.at),
      who: e.actor_label,
      text: eventText(e, t),
      note: e.note,
    })),
    notes: v.notes.map((n) => ({
      kind: t(`cases.noteKind.${n.kind}`),
      on: displayDate(n.happened_on),
      text: n.text,
      author: n.author_label,
    })),
  };
}

/** Events whose text is their own key, interpolated with their data. */
const PLAIN_EVENTS = new Set([
  'teamAdd',
  'teamRemove',
  'meeting',
  'taskDone',
  'referralSent',
  'referralAccepted',
  'referralDeclined',
  'transferSent',
  'transferAccepted',
  'transferDeclined',
  'breakGlass',
  'protectionLift',
  'protectionRestore',
]);

function eventText(e: CaseEventRow, t: TFunction): string {
  // Another module's event (`assessments.event.completed`) is its own text key, with the event's data.
  if (e.event.includes('.')) return t(e.event, e.data);
  if (PLAIN_EVENTS.has(e.event)) return t(`cases.event.${e.event}`, e.data);
  if (e.event === 'note') return t('cases.event.note', { kind: t(`cases.noteKind.${String(e.data.kind)}`) });
  if (e.event === 'open') {
    const service = typeof e.data.service === 'string' ? e.data.service : null;
    if (typeof e.data.signal === 'string') return t('cases.event.openFromSignal', { number: e.data.signal });
    return service ? t('cases.event.openFromApplication', { service }) : t('cases.event.open');
  }
  return t('cases.event.status', {
    command: t(`cases.command.${e.event}`),
    status: e.to_status ? t(`cases.status.${e.to_status}`) : '',
  });
}

/** A case in the API (the type named in Ukrainian). */
export function caseToJson(k: CaseRow): Omit<CaseJson, 'team' | 'plan'> {
  return {
    id: k.id,
    number: k.number,
    type: { code: k.type_code, name: k.type_uk },
    status: k.status,
    priority: k.priority,
    personId: k.person_id,
    householdId: k.household_id,
    applicationId: k.application_id,
    signalId: k.signal_id,
    manager: { id: k.manager_id, name: k.manager_name },
    restricted: k.restricted,
    openedOn: k.opened_on,
    closedOn: k.closed_on,
    version: k.version,
  };
}

/** A case with its team and individual plan in the API. */
export const caseWithTeamToJson = (
  k: CaseRow,
  team: TeamRow[],
  plan: { plan: PlanRow | null; items: PlanItemRow[] },
): CaseJson => ({
  ...caseToJson(k),
  team: team.map((m) => ({
    id: m.id,
    userId: m.user_id,
    name: m.name,
    role: m.role,
    agencyKind: m.agency_kind,
    caseRole: m.case_role,
  })),
  plan: planToJson(plan.plan, plan.items),
});
