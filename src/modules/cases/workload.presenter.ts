import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { CASE_STATUSES } from './case-machine.js';
import { presentMyTask } from './team.presenter.js';
import { presentReferralItem } from './referral.presenter.js';
import type { Workload } from './use-cases/view-workload.js';
import type { Caseload } from './use-cases/view-caseload.js';
import type { ListOf, WorkloadCaseRow } from './workload.queries.js';

/** A case of a workload list: a link to it (to its plan), who it is about, the date, overdue standing out. */
function presentItem(k: WorkloadCaseRow, t: TFunction) {
  return {
    href: `/cases/${k.case_id}#plan`,
    number: k.number,
    subject: k.subject_name || '—',
    manager: k.manager_name,
    day: displayDate(k.day),
    overdue: k.overdue,
    what: t(`cases.workload.kind.${k.kind}`),
  };
}

const presentList = (l: ListOf<WorkloadCaseRow>, t: TFunction) => ({
  items: l.rows.map((k) => presentItem(k, t)),
  total: l.total,
  /** Listed fewer than counted: restricted cases off the viewer's team, or past the list's length. */
  more: l.total - l.rows.length,
  hidden: l.hidden,
});

/** The statuses in order with the count of the manager's cases in each and a link to the filtered list. */
export function presentWorkload(w: Workload, t: TFunction) {
  const n = new Map(w.byStatus.map((s) => [s.status, s.n]));
  return {
    byStatus: CASE_STATUSES.filter((s) => s !== 'closed').map((s) => ({
      text: t(`cases.status.${s}`),
      count: n.get(s) ?? 0,
      href: `/cases?status=${s}`,
    })),
    openTotal: w.byStatus.reduce((a, s) => a + s.n, 0),
    reviews: presentList(w.reviews, t),
    approvals: presentList(w.approvals, t),
    referrals: w.referrals && {
      items: w.referrals.rows.map((r) => presentReferralItem(r, t)),
      total: w.referrals.total,
      more: w.referrals.total - w.referrals.rows.length,
    },
    tasks: {
      items: w.tasks.rows.map((k) => presentMyTask(k, w.today)),
      total: w.tasks.total,
      more: w.tasks.total - w.tasks.rows.length,
    },
  };
}

/** The supervisor's page: each worker's load by status (a dash for none), the approvals and the overdue reviews. */
export function presentCaseload(v: Caseload, t: TFunction) {
  const statuses = CASE_STATUSES.filter((s) => s !== 'closed');
  return {
    statuses: statuses.map((s) => t(`cases.status.${s}`)),
    workers: v.workers.map((w) => ({
      name: w.manager_name,
      counts: statuses.map((s) => w.by_status[s] ?? 0),
      total: w.total,
      overdue: w.overdue_reviews,
    })),
    approvals: presentList(v.approvals, t),
    overdue: presentList(v.overdue, t),
  };
}
