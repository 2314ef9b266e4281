import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { EXTENSION } from '../cabinet/cabinet.files.js';
import type { StaffRecord } from './staff-development.policy.js';
import type { FigureRow, StaffListRow, StaffMemberRow } from './staff-development.queries.js';
import type { StaffMemberView } from './use-cases/view-staff-member.js';
import { displayHours } from './staffdev-rules.js';

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const sum = (xs: string[]) => xs.reduce((a, x) => a + Number(x), 0);

/** Where a member works: their providers' names, or the hromada's own service. */
export const workplace = (m: StaffMemberRow, t: TFunction) =>
  m.agencies.length ? m.agencies.join(', ') : t('staffdev.hromadaStaff');

export function presentListRow(r: StaffListRow, t: TFunction) {
  return {
    href: `/staff-development/${r.id}`,
    name: r.display_name,
    inactive: !r.active,
    workplace: workplace(r, t),
    position: r.position ?? '—',
    trainingHours: displayHours(r.training_hours),
    supervisionHours: displayHours(r.supervision_hours),
  };
}

/** The member's page: every record, and the chosen year's hours. */
export function presentMember(v: StaffMemberView, year: number, t: TFunction) {
  const base = `/staff-development/${v.member.id}`;
  const trainingsOfYear = v.trainings.filter((x) => yearOf(x.trained_on) === year);
  const supervisionsOfYear = v.supervisions.filter((x) => yearOf(x.held_on) === year);
  return {
    id: v.member.id,
    name: v.member.display_name,
    inactive: !v.member.active,
    workplace: workplace(v.member, t),
    year: {
      trainings: trainingsOfYear.length,
      trainingHours: displayHours(sum(trainingsOfYear.map((x) => x.hours))),
      supervisions: supervisionsOfYear.length,
      supervisionHours: displayHours(sum(supervisionsOfYear.map((x) => x.hours))),
    },
    qualifications: v.qualifications.map((q) => ({
      position: q.position,
      education: q.education,
      specialty: q.specialty,
      category: q.category ?? '—',
      positionSince: displayDate(q.position_since) || '—',
      categoryOn: displayDate(q.category_on) || '—',
      deleteHref: `${base}/qualifications/${q.id}/delete`,
    })),
    trainings: v.trainings.map((x) => ({
      course: x.course,
      organiser: x.organiser,
      hours: displayHours(x.hours),
      date: displayDate(x.trained_on),
      certificateNumber: x.certificate_number ?? '—',
      file:
        x.file_name && x.content_type
          ? {
              href: `${base}/trainings/${x.id}/certificate`,
              name: x.file_name,
              type: EXTENSION[x.content_type].toUpperCase(),
            }
          : null,
      deleteHref: `${base}/trainings/${x.id}/delete`,
    })),
    supervisions: v.supervisions.map((s) => ({
      kind: t(`staffdev.kind.${s.kind}`),
      supervisor: s.supervisor,
      date: displayDate(s.held_on),
      hours: displayHours(s.hours),
      topics: s.topics,
      participants: s.participants.join(', '),
      deleteHref: `${base}/supervisions/${s.id}/delete`,
    })),
  };
}

/** One record in a few words, for the confirmation of its deletion. */
export function recordSummary(r: StaffRecord, t: TFunction): { key: string; value: string }[] {
  if (r.kind === 'qualification')
    return [
      { key: t('staffdev.field.position'), value: r.row.position },
      { key: t('staffdev.field.specialty'), value: r.row.specialty },
    ];
  if (r.kind === 'training')
    return [
      { key: t('staffdev.field.course'), value: r.row.course },
      { key: t('staffdev.field.trainedOn'), value: displayDate(r.row.trained_on) },
      { key: t('staffdev.field.hours'), value: displayHours(r.row.hours) },
    ];
  return [
    { key: t('staffdev.field.kind'), value: t(`staffdev.kind.${r.row.kind}`) },
    { key: t('staffdev.field.heldOn'), value: displayDate(r.row.held_on) },
    { key: t('staffdev.field.participants'), value: r.row.participants.join(', ') },
  ];
}

export function presentFigure(r: Omit<FigureRow, 'agency_id' | 'agency'> & { agency?: string | null }, name: string) {
  return {
    name,
    trained: r.trained,
    supervised: r.supervised,
    sessions: r.sessions,
    trainingHours: displayHours(r.training_hours),
    supervisionHours: displayHours(r.supervision_hours),
  };
}
