import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  answerValues,
  fieldOf,
  formDefinition,
  parseDefinition,
  readAnswers,
  scoreAnswers,
  type FormDefinition,
} from './assessment-form.js';

const load = (name: string): FormDefinition =>
  formDefinition.parse(JSON.parse(readFileSync(new URL(`./forms/${name}.json`, import.meta.url), 'utf8')));

const small = {
  sections: [
    {
      id: 'a',
      title: { uk: 'Розділ' },
      questions: [
        { id: 'name', type: 'text', label: { uk: 'Ім’я' }, required: true },
        { id: 'age', type: 'number', label: { uk: 'Вік' }, min: 0, max: 120 },
        {
          id: 'walk',
          type: 'single',
          label: { uk: 'Ходить' },
          required: true,
          options: [
            { value: 'yes', label: { uk: 'Так' }, points: 2 },
            { value: 'no', label: { uk: 'Ні' }, points: 0 },
          ],
        },
        {
          id: 'help',
          type: 'multiple',
          label: { uk: 'Допомога' },
          options: [
            { value: 'food', label: { uk: 'Їжа' }, points: 1 },
            { value: 'water', label: { uk: 'Вода' }, points: 1 },
          ],
        },
        { id: 'on', type: 'date', label: { uk: 'Дата' } },
        { id: 'mood', type: 'scale', label: { uk: 'Настрій' }, min: 1, max: 5, required: true },
      ],
    },
  ],
  scores: [
    {
      id: 's',
      label: { uk: 'Бали' },
      questions: ['walk', 'help', 'mood'],
      bands: [
        { min: 1, max: 4, code: 'low', label: { uk: 'Низький' }, hoursPerWeek: 2 },
        { min: 5, max: 9, code: 'high', label: { uk: 'Високий' }, hoursPerWeek: 8 },
      ],
    },
  ],
};

describe('form definitions', () => {
  it('accepts a definition with every question type and fills the defaults', () => {
    const d = formDefinition.parse(small);
    expect(d.sections[0]?.questions.map((q) => q.type)).toEqual([
      'text',
      'number',
      'single',
      'multiple',
      'date',
      'scale',
    ]);
    expect(d.sections[0]?.questions[1]?.required).toBe(false);
  });

  it('names the path and the reason of each problem', () => {
    const bad = structuredClone(small) as Record<string, unknown> & typeof small;
    bad.sections[0].questions[0].label.uk = '';
    (bad.sections[0].questions[1] as { type: string }).type = 'slider';
    bad.scores[0].questions.push('nope');
    const r = parseDefinition(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ path: 'sections.0.questions.0.label.uk', key: 'assessments.def.labelUk' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: 'sections.0.questions.1.type', key: 'assessments.def.type' }),
    );
  });

  it('refuses unknown or unscored questions in a score, duplicate ids, gaps and uncovered ranges in bands, bad JSON', () => {
    const keys = (d: unknown) => {
      const r = parseDefinition(JSON.stringify(d));
      return r.ok ? [] : r.problems.map((p) => `${p.path} ${p.key}`);
    };
    const unknown = structuredClone(small);
    unknown.scores[0].questions = ['walk', 'nope', 'name'];
    expect(keys(unknown)).toEqual([
      'scores.0.questions.1 assessments.def.unknownQuestion',
      'scores.0.questions.2 assessments.def.notScored',
      'scores.0.bands assessments.def.bandsCover',
    ]);
    const dup = structuredClone(small);
    dup.sections[0].questions[1].id = 'name';
    expect(keys(dup)).toContain('sections.0.questions.1.id assessments.def.duplicate');
    const gap = structuredClone(small);
    gap.scores[0].bands[1].min = 6;
    expect(keys(gap)).toContain('scores.0.bands assessments.def.bandsGap');
    const short = structuredClone(small);
    short.scores[0].bands[1].max = 8;
    expect(keys(short)).toContain('scores.0.bands assessments.def.bandsCover');
    const scale = structuredClone(small);
    (scale.sections[0].questions[5] as { min: number }).min = 7;
    expect(keys(scale)).toContain('sections.0.questions.5.max assessments.def.minMax');
    expect(parseDefinition('{ sections: ').ok).toBe(false);
    expect(parseDefinition('{ sections: ')).toEqual({
      ok: false,
      problems: [{ path: '', key: 'assessments.def.json' }],
    });
    expect(keys({})).toEqual(['sections assessments.def.sections']);
  });
});

describe('answers', () => {
  const d = formDefinition.parse(small);
  const f = fieldOf;

  it('reads each type', () => {
    const r = readAnswers(d, {
      [f('name')]: ' Ганна ',
      [f('age')]: '81',
      [f('walk')]: 'yes',
      [f('help')]: ['food', 'water'],
      [`${f('on')}-day`]: '5',
      [`${f('on')}-month`]: '3',
      [`${f('on')}-year`]: '2026',
      [f('mood')]: '4',
    });
    expect(r.problems).toEqual([]);
    expect(r.answers).toEqual({
      name: 'Ганна',
      age: 81,
      walk: 'yes',
      help: ['food', 'water'],
      on: '2026-03-05',
      mood: 4,
    });
    expect(answerValues(d, r.answers)).toMatchObject({ [f('help')]: ['food', 'water'], [`${f('on')}-day`]: '05' });
  });

  it('points at each missing required answer, wrong type and out-of-range value', () => {
    const r = readAnswers(d, {
      [f('age')]: 'вісімдесят',
      [f('help')]: ['food', 'beer'],
      [`${f('on')}-day`]: '31',
      [`${f('on')}-month`]: '2',
      [`${f('on')}-year`]: '2026',
      [f('mood')]: '9',
    });
    expect(r.problems.map((p) => [p.field, p.key, p.href])).toEqual([
      ['q_name', 'assessments.answer.required', '#q_name'],
      ['q_age', 'assessments.answer.number', '#q_age'],
      ['q_walk', 'assessments.answer.required', '#q_walk'],
      ['q_help', 'assessments.answer.choice', '#q_help'],
      ['q_on', 'assessments.answer.date', '#q_on-day'],
      ['q_mood', 'assessments.answer.range', '#q_mood'],
    ]);
    expect(r.problems[0]?.params).toMatchObject({ label: 'Ім’я' });
    const range = readAnswers(d, { [f('age')]: '130', [f('mood')]: '2.5', [f('walk')]: 'maybe' });
    expect(range.problems.map((p) => p.key)).toEqual([
      'assessments.answer.required',
      'assessments.answer.range',
      'assessments.answer.choice',
      'assessments.answer.scale',
    ]);
  });

  it('scores the sum over the group and finds its band', () => {
    const [s] = scoreAnswers(d, { walk: 'yes', help: ['food'], mood: 4 });
    expect(s).toMatchObject({ id: 's', value: 7, min: 1, max: 9, band: { code: 'high', hoursPerWeek: 8 } });
    expect(scoreAnswers(d, { walk: 'no', mood: 1 })[0]).toMatchObject({ value: 1, band: { code: 'low' } });
  });
});

describe('the shipped forms', () => {
  const home = load('home-care');
  const family = load('family');
  const adl = ['eating', 'grooming', 'dressing', 'bathing', 'continence', 'toilet', 'transfer', 'mobility', 'stairs'];

  it('the home-care form: the elementary activities sum to 0–100 and their band sets the hours of home care', () => {
    const all = (value: string) => Object.fromEntries(adl.map((q) => [q, value]));
    expect(scoreAnswers(home, all('independent'))[0]).toMatchObject({
      value: 100,
      min: 0,
      max: 100,
      band: { code: 'independent', hoursPerWeek: 0 },
    });
    const partly = {
      ...all('independent'),
      bathing: 'dependent',
      stairs: 'helped',
      dressing: 'partial',
      continence: 'partial',
    };
    // 100 − 5 (bathing) − 5 (stairs) − 5 (dressing) − 10 (continence) = 75: moderate dependency.
    expect(scoreAnswers(home, partly)[0]).toMatchObject({ value: 75, band: { code: 'moderate', hoursPerWeek: 12 } });
    const bedridden = {
      ...all('dependent'),
      transfer: 'unable',
      mobility: 'unable',
      stairs: 'unable',
      eating: 'partial',
    };
    expect(scoreAnswers(home, bedridden)[0]).toMatchObject({ value: 5, band: { code: 'total', hoursPerWeek: 28 } });
  });

  it('the home-care form: its posted answers are read and scored end to end', () => {
    const body: Record<string, unknown> = { [fieldOf('living')]: 'alone', [fieldOf('wellbeing')]: '3' };
    for (const q of adl) body[fieldOf(q)] = q === 'mobility' ? 'helped' : 'independent';
    const r = readAnswers(home, body);
    expect(r.problems).toEqual([]);
    expect(scoreAnswers(home, r.answers)[0]).toMatchObject({ value: 95, band: { code: 'light', hoursPerWeek: 6 } });
    const missing = readAnswers(home, { [fieldOf('living')]: 'alone' });
    expect(missing.problems.map((p) => p.field)).toEqual([...adl.map(fieldOf), fieldOf('wellbeing')]);
  });

  it('the family form: factors on a 0–3 scale sum into the family’s level of needs and each domain’s', () => {
    const factors = family.scores[0].questions;
    expect(factors).toHaveLength(17);
    const answers = Object.fromEntries(factors.map((q) => [q, 1]));
    const scores = scoreAnswers(family, { ...answers, safety: 3, housing: 3, income: 2 });
    expect(scores.map((s) => [s.id, s.value, s.band?.code])).toEqual([
      ['total', 22, 'high'],
      ['child', 6, 'moderate'],
      ['parenting', 8, 'moderate'],
      ['environment', 8, 'moderate'],
    ]);
    expect(scoreAnswers(family, {})[0]).toMatchObject({ value: 0, max: 51, band: { code: 'low' } });
  });
});
