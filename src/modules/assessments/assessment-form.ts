/**
 * Needs-assessment forms as data (decision 0018): a definition is sections of questions (text, number, single or
 * multiple choice, date, scale) with required flags and Ukrainian/English labels, and scoring rules — points of
 * choice options and scale values summed over a named group of questions, and bands that map the sum to a result
 * (the level of need, the hours of home care a week). Pure: validates definitions, reads and checks answers,
 * scores them. The use-cases load and store.
 */
import { z } from 'zod';
import { dateFromParts, many, single } from '../../platform/forms.js';
import { isIsoDate } from '../../platform/dates.js';

const D = 'assessments.def.';

const code = z
  .string({ error: `${D}code` })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, `${D}code`)
  .describe('латинські малі літери, цифри, _');
const label = z.object(
  {
    uk: z
      .string({ error: `${D}labelUk` })
      .trim()
      .min(1, `${D}labelUk`)
      .max(500, `${D}labelLong`),
    en: z.string().trim().max(500, `${D}labelLong`).optional(),
  },
  { error: `${D}label` },
);
const int = z
  .number({ error: `${D}integer` })
  .int(`${D}integer`)
  .min(-1000, `${D}integer`)
  .max(1000, `${D}integer`);

const option = z.object({ value: code, label, points: int.optional() }, { error: `${D}option` });

const base = { id: code, label, hint: label.optional(), required: z.boolean({ error: `${D}required` }).default(false) };

const question = z.discriminatedUnion(
  'type',
  [
    z.object({ ...base, type: z.literal('text'), long: z.boolean().optional() }),
    z.object({ ...base, type: z.literal('number'), min: int.optional(), max: int.optional() }),
    z.object({
      ...base,
      type: z.literal('single'),
      options: z
        .array(option, { error: `${D}options` })
        .min(2, `${D}options`)
        .max(30),
    }),
    z.object({
      ...base,
      type: z.literal('multiple'),
      options: z
        .array(option, { error: `${D}options` })
        .min(1, `${D}options`)
        .max(30),
    }),
    z.object({ ...base, type: z.literal('date') }),
    z.object({
      ...base,
      type: z.literal('scale'),
      min: int,
      max: int,
      minLabel: label.optional(),
      maxLabel: label.optional(),
    }),
  ],
  { error: `${D}type` },
);

const section = z.object(
  {
    id: code,
    title: label,
    questions: z
      .array(question, { error: `${D}questions` })
      .min(1, `${D}questions`)
      .max(100),
  },
  { error: `${D}section` },
);

const band = z.object(
  {
    min: int,
    max: int,
    code,
    label,
    hoursPerWeek: z
      .number({ error: `${D}hours` })
      .min(0, `${D}hours`)
      .max(168, `${D}hours`)
      .optional(),
  },
  { error: `${D}band` },
);

const score = z.object(
  {
    id: code,
    label,
    questions: z.array(code, { error: `${D}scoreQuestions` }).min(1, `${D}scoreQuestions`),
    bands: z.array(band, { error: `${D}bands` }).min(1, `${D}bands`),
  },
  { error: `${D}score` },
);

export const formDefinition = z
  .object(
    {
      sections: z
        .array(section, { error: `${D}sections` })
        .min(1, `${D}sections`)
        .max(50),
      scores: z
        .array(score, { error: `${D}score` })
        .max(20)
        .default([]),
    },
    { error: `${D}root` },
  )
  .superRefine((d, ctx) => {
    const seen = new Map<string, Question>();
    const sectionIds = new Set<string>();
    d.sections.forEach((s, si) => {
      if (sectionIds.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `${D}duplicate` });
      sectionIds.add(s.id);
      s.questions.forEach((q, qi) => {
        const at = ['sections', si, 'questions', qi];
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `${D}duplicate` });
        seen.set(q.id, q);
        if ((q.type === 'scale' || q.type === 'number') && q.min !== undefined && q.max !== undefined && q.min >= q.max)
          ctx.addIssue({ code: 'custom', path: [...at, 'max'], message: `${D}minMax` });
        if (q.type === 'single' || q.type === 'multiple') {
          const values = q.options.map((o) => o.value);
          values.forEach((v, oi) => {
            if (values.indexOf(v) !== oi)
              ctx.addIssue({ code: 'custom', path: [...at, 'options', oi, 'value'], message: `${D}duplicate` });
          });
        }
      });
    });
    d.scores.forEach((s, si) => {
      const at = ['scores', si];
      s.questions.forEach((id, qi) => {
        const q = seen.get(id);
        if (!q) ctx.addIssue({ code: 'custom', path: [...at, 'questions', qi], message: `${D}unknownQuestion` });
        else if (!SCORED.includes(q.type))
          ctx.addIssue({ code: 'custom', path: [...at, 'questions', qi], message: `${D}notScored` });
      });
      const range = scoreRange(s.questions.map((id) => seen.get(id)).filter((q): q is Question => !!q));
      const bands = [...s.bands].sort((a, b) => a.min - b.min);
      bands.forEach((b, bi) => {
        if (b.min > b.max) ctx.addIssue({ code: 'custom', path: [...at, 'bands', bi, 'max'], message: `${D}minMax` });
        const prev = bands[bi - 1];
        if (prev && b.min !== prev.max + 1)
          ctx.addIssue({ code: 'custom', path: [...at, 'bands'], message: `${D}bandsGap` });
      });
      const first = bands[0];
      const last = bands[bands.length - 1];
      if (first && last && (first.min > range.min || last.max < range.max))
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'bands'],
          message: `${D}bandsCover`,
          params: { min: range.min, max: range.max },
        });
    });
  });

export type FormDefinition = z.infer<typeof formDefinition>;
export type Question = FormDefinition['sections'][number]['questions'][number];
export type QuestionType = Question['type'];
export type Label = z.infer<typeof label>;
export type ScoreRule = FormDefinition['scores'][number];
export type Band = ScoreRule['bands'][number];

/** The question types whose answers carry points. */
const SCORED: readonly QuestionType[] = ['single', 'multiple', 'scale'];

/** The least and the most a group of questions can sum to. */
export function scoreRange(questions: readonly Question[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const q of questions) {
    if (q.type === 'scale') {
      min += q.required ? q.min : Math.min(0, q.min);
      max += q.required ? q.max : Math.max(0, q.max);
    } else if (q.type === 'single') {
      // An unanswered optional question counts 0.
      const p = [...q.options.map((o) => o.points ?? 0), ...(q.required ? [] : [0])];
      min += Math.min(...p);
      max += Math.max(...p);
    } else if (q.type === 'multiple') {
      const p = q.options.map((o) => o.points ?? 0);
      min += p.filter((x) => x < 0).reduce((a, b) => a + b, 0);
      max += p.filter((x) => x > 0).reduce((a, b) => a + b, 0);
    }
  }
  return { min, max };
}

/** A problem with a definition: where (a path such as `sections.1.questions.0.label.uk`) and the message key. */
export interface DefinitionProblem {
  path: string;
  key: string;
  params?: Record<string, unknown>;
}

/** Parses a definition typed as JSON text: the definition, or the problems (bad JSON is one problem at the root). */
export function parseDefinition(
  text: string,
): { ok: true; definition: FormDefinition } | { ok: false; problems: DefinitionProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: '', key: `${D}json` }] };
  }
  const r = formDefinition.safeParse(raw);
  if (r.success) return { ok: true, definition: r.data };
  return {
    ok: false,
    problems: r.error.issues.slice(0, 20).map((i) => ({
      path: i.path.join('.'),
      key: i.message.startsWith(D) ? i.message : `${D}invalid`,
      params: 'params' in i && i.params && typeof i.params === 'object' ? (i.params as Record<string, unknown>) : {},
    })),
  };
}

// --- answers ---

export type Answer = string | number | string[];
export type Answers = Record<string, Answer>;

/** The form field of a question (`q_<id>`; a date is three fields `q_<id>-day|month|year`). */
export const fieldOf = (id: string) => `q_${id}`;

/** A problem with an answer: the question's field, the message key and the question's label for the summary. */
export interface AnswerProblem {
  field: string;
  key: string;
  params: Record<string, unknown>;
  href: string;
}

const A = 'assessments.answer.';
const TEXT_MAX = 4000;

/**
 * Reads the answers of a posted form against the definition: each question's value of its type, a required one
 * present, a number or scale within its range, a choice among the options, a real date. Unknown fields are ignored.
 */
export function readAnswers(
  def: FormDefinition,
  body: Record<string, unknown>,
  labelOf: (l: Label) => string = (l) => l.uk,
): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  for (const s of def.sections) {
    for (const q of s.questions) {
      const f = fieldOf(q.id);
      const params = { label: labelOf(q.label) };
      const fail = (key: string, more: Record<string, unknown> = {}, href = `#${f}`) =>
        problems.push({ field: f, key: A + key, params: { ...params, ...more }, href });
      if (q.type === 'date') {
        const v = dateFromParts(body, f);
        if (v === undefined) {
          if (q.required) fail('required', {}, `#${f}-day`);
        } else if (!isIsoDate(v)) fail('date', {}, `#${f}-day`);
        else answers[q.id] = v;
        continue;
      }
      if (q.type === 'multiple') {
        const values = many(body[f]).filter((v) => v !== '');
        const known = q.options.map((o) => o.value);
        if (values.some((v) => !known.includes(v))) fail('choice', {}, `#${f}`);
        else if (values.length === 0) {
          if (q.required) fail('required', {}, `#${f}`);
        } else answers[q.id] = [...new Set(values)];
        continue;
      }
      const v = single(body[f]).trim();
      if (v === '') {
        if (q.required) fail('required');
        continue;
      }
      if (q.type === 'text') {
        if (v.length > TEXT_MAX) fail('textLong', { max: TEXT_MAX });
        else answers[q.id] = v;
      } else if (q.type === 'single') {
        if (!q.options.some((o) => o.value === v)) fail('choice');
        else answers[q.id] = v;
      } else {
        const n = Number(v.replace(',', '.'));
        const integer = q.type === 'scale';
        if (!/^-?\d+([.,]\d+)?$/.test(v) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
          fail(integer ? 'scale' : 'number', { min: q.min ?? '', max: q.max ?? '' });
        } else if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) {
          fail('range', { min: q.min ?? '—', max: q.max ?? '—' });
        } else answers[q.id] = n;
      }
    }
  }
  return { answers, problems };
}

/** The values to put back into a re-rendered form, from answers read before (for a filled assessment's page too). */
export function answerValues(def: FormDefinition, answers: Answers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const s of def.sections)
    for (const q of s.questions) {
      const a = answers[q.id];
      if (a === undefined) continue;
      const f = fieldOf(q.id);
      if (q.type === 'date' && typeof a === 'string') {
        const [y = '', m = '', d = ''] = a.split('-');
        Object.assign(out, { [`${f}-day`]: d, [`${f}-month`]: m, [`${f}-year`]: y });
      } else out[f] = Array.isArray(a) ? a : String(a);
    }
  return out;
}

// --- scoring ---

export interface ScoreResult {
  id: string;
  label: Label;
  value: number;
  min: number;
  max: number;
  band: Band | null;
}

/** The points of one answer: a choice's option points, a scale's value; other answers and none count 0. */
function pointsOf(q: Question, a: Answer | undefined): number {
  if (a === undefined) return 0;
  if (q.type === 'scale' && typeof a === 'number') return a;
  if (q.type === 'single') return q.options.find((o) => o.value === a)?.points ?? 0;
  if (q.type === 'multiple' && Array.isArray(a))
    return q.options.filter((o) => a.includes(o.value)).reduce((sum, o) => sum + (o.points ?? 0), 0);
  return 0;
}

/** Every scoring rule of the definition applied to the answers: the sum, its possible range and its band. */
export function scoreAnswers(def: FormDefinition, answers: Answers): ScoreResult[] {
  const byId = new Map(def.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  return def.scores.map((rule) => {
    const qs = rule.questions.map((id) => byId.get(id)).filter((q): q is Question => !!q);
    const value = qs.reduce((sum, q) => sum + pointsOf(q, answers[q.id]), 0);
    const band = rule.bands.find((b) => value >= b.min && value <= b.max) ?? null;
    return { id: rule.id, label: rule.label, value, ...scoreRange(qs), band };
  });
}

/** The first scoring rule's result: what the case page shows as the assessment's score and result. */
export const mainResult = (scores: readonly ScoreResult[]): ScoreResult | null => scores[0] ?? null;

/** The questions of a definition, in order. */
export const questionsOf = (def: FormDefinition): Question[] => def.sections.flatMap((s) => s.questions);
