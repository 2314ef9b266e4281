import type { TFunction } from 'i18next';
import type { Locale } from '../../platform/i18n.js';
import { displayDate, kyivToday } from '../../platform/dates.js';
import type { FormErrors } from '../../platform/forms.js';
import type { CaseTypeRow } from '../cases/cases.queries.js';
import {
  fieldOf,
  type Answer,
  type FormDefinition,
  type Label,
  type Question,
  type ScoreResult,
} from './assessment-form.js';
import type { AssessmentRow, FormRow, ReviewRow, VersionRow } from './assessments.queries.js';

/** A label in the page's language (English when there is one, else Ukrainian). */
export const labelIn = (locale: Locale) => (l: Label) => (locale === 'en' && l.en ? l.en : l.uk);

export const formName = (f: Pick<FormRow, 'name_uk' | 'name_en'>, locale: Locale) =>
  locale === 'en' && f.name_en ? f.name_en : f.name_uk;

type Values = Record<string, string | string[]>;

/** The questions of a definition as inputs of the page: the macro to use, its label, hint, items, value and error. */
export function presentQuestions(
  def: FormDefinition,
  values: Values,
  errors: FormErrors['errors'],
  t: TFunction,
  locale: Locale,
) {
  const l = labelIn(locale);
  const optional = ` (${t('assessments.optional')})`;
  return def.sections.map((s) => ({
    id: s.id,
    title: l(s.title),
    questions: s.questions.map((q) => {
      const f = fieldOf(q.id);
      const value = values[f];
      const chosen = Array.isArray(value) ? value : value ? [value] : [];
      const hint = [q.hint ? l(q.hint) : '', q.type === 'scale' ? scaleHint(q, t, l) : ''].filter(Boolean).join(' ');
      return {
        id: f,
        type: q.type,
        label: l(q.label) + (q.required ? '' : optional),
        hint,
        long: q.type === 'text' && q.long === true,
        value: typeof value === 'string' ? value : '',
        items: itemsOf(q, l).map((i) => ({ ...i, checked: chosen.includes(i.value) })),
        error: errors[f],
      };
    }),
  }));
}

function scaleHint(q: Extract<Question, { type: 'scale' }>, t: TFunction, l: (x: Label) => string): string {
  const ends = [q.minLabel && `${q.min} — ${l(q.minLabel)}`, q.maxLabel && `${q.max} — ${l(q.maxLabel)}`].filter(
    Boolean,
  );
  return ends.length ? t('assessments.scaleEnds', { ends: ends.join(', ') }) : '';
}

function itemsOf(q: Question, l: (x: Label) => string): { value: string; text: string }[] {
  if (q.type === 'single' || q.type === 'multiple') return q.options.map((o) => ({ value: o.value, text: l(o.label) }));
  if (q.type === 'scale') {
    const out = [];
    for (let v = q.min; v <= q.max; v++) out.push({ value: String(v), text: String(v) });
    return out;
  }
  return [];
}

/** One answer in words: the chosen options' labels, a date дд.мм.рррр, a number as written; none is «—». */
function answerText(q: Question, a: Answer | undefined, l: (x: Label) => string): string {
  if (a === undefined) return '—';
  if (q.type === 'single') {
    const o = q.options.find((x) => x.value === a);
    return o ? l(o.label) : String(a);
  }
  if (q.type === 'multiple' && Array.isArray(a))
    return q.options
      .filter((o) => a.includes(o.value))
      .map((o) => l(o.label))
      .join('; ');
  if (q.type === 'date' && typeof a === 'string') return displayDate(a);
  return String(a);
}

export function presentScores(scores: readonly ScoreResult[], t: TFunction, locale: Locale) {
  const l = labelIn(locale);
  return scores.map((s) => ({
    label: l(s.label),
    value: t('assessments.scoreOf', { value: s.value, min: s.min, max: s.max }),
    result: s.band ? l(s.band.label) : '—',
    hours: s.band?.hoursPerWeek !== undefined ? t('assessments.hoursPerWeek', { count: s.band.hoursPerWeek }) : '',
  }));
}

/** A filled assessment: each section's questions with their answers, and its scores. */
export function presentAssessment(a: AssessmentRow, def: FormDefinition, t: TFunction, locale: Locale) {
  const l = labelIn(locale);
  return {
    id: a.id,
    form: formName(a, locale),
    version: a.form_version,
    on: displayDate(a.completed_on),
    author: a.author_label,
    sections: def.sections.map((s) => ({
      title: l(s.title),
      rows: s.questions.map((q) => ({ key: { text: l(q.label) }, value: { text: answerText(q, a.answers[q.id], l) } })),
    })),
    scores: presentScores(a.scores, t, locale),
  };
}

/** A row of the case page's list of assessments. */
export function presentAssessmentItem(a: AssessmentRow, caseId: string, t: TFunction, locale: Locale) {
  const main = a.scores[0];
  const l = labelIn(locale);
  return {
    href: `/cases/${caseId}/assessments/${a.id}`,
    form: formName(a, locale),
    version: a.form_version,
    on: displayDate(a.completed_on),
    author: a.author_label,
    score: main ? `${main.value}${main.band ? ` — ${l(main.band.label)}` : ''}` : '—',
    hours:
      main?.band?.hoursPerWeek !== undefined ? t('assessments.hoursPerWeek', { count: main.band.hoursPerWeek }) : '',
    status: t(`assessments.status.${a.status}`),
  };
}

export function presentReview(r: ReviewRow, today: string, t: TFunction) {
  const done = r.done_assessment_id !== null;
  const overdue = !done && r.due_on < today;
  return {
    due: displayDate(r.due_on),
    ends: displayDate(r.ends_on),
    overdue,
    status: t(done ? 'assessments.review.done' : overdue ? 'assessments.review.overdue' : 'assessments.review.due'),
    classes: done ? 'govuk-tag--green' : overdue ? 'govuk-tag--red' : 'govuk-tag--yellow',
  };
}

export function presentFormItem(
  f: FormRow,
  types: readonly CaseTypeRow[],
  hromadaId: number,
  t: TFunction,
  locale: Locale,
) {
  return {
    code: f.code,
    href: `/admin/assessment-forms/${f.code}`,
    name: formName(f, locale),
    version: f.latest_version,
    types: caseTypeNames(f.case_types, types, locale),
    active: f.active,
    activeText: t(f.active ? 'assessments.admin.active' : 'assessments.admin.inactive'),
    origin: t(f.hromada_id === hromadaId ? 'assessments.admin.own' : 'assessments.admin.shared'),
  };
}

export const caseTypeNames = (codes: readonly string[], types: readonly CaseTypeRow[], locale: Locale) =>
  codes
    .map((c) => types.find((ty) => ty.code === c))
    .map((ty, i) => (ty ? (locale === 'en' ? ty.name_en : ty.name_uk) : (codes[i] ?? '')))
    .join('; ');

export const presentVersion = (v: VersionRow, code: string, t: TFunction) => ({
  version: v.version,
  href: `/admin/assessment-forms/${code}?version=${v.version}`,
  on: displayDate(kyivToday(v.created_at)),
  by: v.created_by ?? t('assessments.admin.shipped'),
  used: v.used,
});

/** A definition to read: each section's questions with their type, whether required, and their options with points. */
export function presentDefinition(def: FormDefinition, t: TFunction, locale: Locale) {
  const l = labelIn(locale);
  return def.sections.map((s) => ({
    title: l(s.title),
    questions: s.questions.map((q) => ({
      id: q.id,
      label: l(q.label),
      type: t(`assessments.type.${q.type}`),
      required: q.required,
      range:
        q.type === 'scale' || q.type === 'number'
          ? [q.min, q.max].map((x) => (x === undefined ? '…' : String(x))).join('–')
          : '',
      options:
        q.type === 'single' || q.type === 'multiple'
          ? q.options.map((o) =>
              o.points === undefined ? l(o.label) : `${l(o.label)} — ${t('assessments.points', { count: o.points })}`,
            )
          : [],
    })),
  }));
}
