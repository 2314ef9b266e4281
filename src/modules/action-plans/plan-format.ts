/**
 * The exchange format of an action plan (docs/action-plans/schema.json; decision 0031): a hromada, its approving
 * document, values, strategic goals → operational goals → tasks with executors, period as written, indicators,
 * expected result and funding sources. `checkPlanDocument` reads any JSON value and either gives the plan or every
 * problem found, each with its JSON path (`$.strategic_goals[0].operational_goals[1].tasks[3].code`) and an i18n key —
 * never the first problem only, so an officer fixes a file in one go.
 *
 * Two extensions the format allows without breaking a file written to the bare schema: an indicator may be an object
 * (`{name, unit, baseline, targets: {"2025": 10}, actuals: {…}, responsible}`), and a funding source may be an object
 * (`{source, kind, amounts: [{year, planned, actual}]}`). Export writes the bare string whenever nothing more is known,
 * so a plan in the bare format round-trips unchanged.
 */

export const FUNDING_KINDS = ['local', 'state', 'oblast', 'international', 'other'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

export interface PlanProblem {
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface IndicatorDoc {
  name: string;
  unit: string | null;
  baseline: number | null;
  targets: Record<string, number>;
  actuals: Record<string, number>;
  responsible: string | null;
  /** The metric of the library it is computed from (decision 0032), or null for a manual indicator. */
  metric: string | null;
}

/** The unit of a known metric by key (undefined: no such metric), and whether an indicator's unit fits it. */
export interface MetricCatalogue {
  unitOf: (key: string) => string | undefined;
  fits: (indicatorUnit: string | null, metricUnit: string) => boolean;
}

export interface FundingDoc {
  source: string;
  kind: FundingKind;
  amounts: { year: number; planned: number | null; actual: number | null }[];
}

export interface TaskDoc {
  code: string;
  title: string;
  executors: string[];
  period: string | null;
  indicators: IndicatorDoc[];
  expectedResult: string | null;
  funding: FundingDoc[];
}

export interface GoalDoc {
  code: string;
  title: string;
}

export interface PlanDoc {
  hromada: string;
  document: {
    title: string;
    approvedBy: string | null;
    number: string | null;
    date: string | null;
    period: { from: number; to: number } | null;
  };
  values: string[];
  strategicGoals: (GoalDoc & { operationalGoals: (GoalDoc & { tasks: TaskDoc[] })[] })[];
  declaredGoals: unknown[] | null;
  monitoring: string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kind of a funding source written in words, as the plans write them; null when it cannot be told. */
export function fundingKindOf(text: string): FundingKind | null {
  const s = text.toLowerCase();
  if (/міжнародн|технічної допомоги|мтд|донор|грант|проєкт|проект/.test(s)) return 'international';
  if (/обласн/.test(s)) return 'oblast';
  if (/державн/.test(s)) return 'state';
  if (/місцев|міськ|селищн|сільськ|бюджет громади|бюджету громади/.test(s)) return 'local';
  if (/інш|не потребує|без фінансування|в межах|у межах|спонсор|благодійн|позабюджет/.test(s)) return 'other';
  return null;
}

const ROMAN: Record<string, number> = { і: 1, іі: 2, ііі: 3, іv: 4, iv: 4, i: 1, ii: 2, iii: 3, ів: 4 };
const MONTHS = [
  'січ',
  'лют',
  'берез',
  'квіт',
  'трав',
  'черв',
  'лип',
  'серп',
  'верес',
  'жовт',
  'листоп',
  'груд',
] as const;
const monthOf = (w: string) => MONTHS.findIndex((m) => w.toLowerCase().startsWith(m));
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export interface ParsedPeriod {
  from: string | null;
  to: string | null;
  continuous: boolean;
}

/**
 * The dates of a period as the plans write it: «Постійно», «2021-2026 роки», «Протягом 2021 року», «ІІ півріччя
 * 2021», «Друге півріччя 2021», «ІV квартал 2025 року», «ІІ-ІІІ квартал 2025 року», «травень-липень 2025». What does
 * not parse keeps its text and no dates (shown as written; never guessed).
 */
export function parsePeriod(text: string | null, planFrom: number | null = null, planTo: number | null = null) {
  const none: ParsedPeriod = { from: null, to: null, continuous: false };
  if (!text) return none;
  const s = text.trim().toLowerCase().replace(/[–—]/g, '-').replace(/\s+/g, ' ');
  if (/^(постійно|щорічно|протягом (дії|терміну)|весь період)/.test(s)) {
    return {
      from: planFrom ? iso(planFrom, 1, 1) : null,
      to: planTo ? iso(planTo, 12, 31) : null,
      continuous: true,
    };
  }
  const years = [...s.matchAll(/(19|20)\d{2}/g)].map((m) => Number(m[0]));
  if (years.length === 0) return none;
  const y1 = years[0];
  const y2 = years[years.length - 1];
  const roman = /^(?:протягом )?([іiv]+)(?:\s?-\s?([іiv]+))?\s+(квартал|півріччя)/.exec(s);
  if (roman) {
    const a = ROMAN[roman[1]];
    const b = roman[2] ? ROMAN[roman[2]] : a;
    if (!a || !b || b < a) return none;
    if (roman[3] === 'квартал' && b <= 4)
      return { from: iso(y1, a * 3 - 2, 1), to: iso(y2, b * 3, lastDay(y2, b * 3)), continuous: false };
    if (roman[3] === 'півріччя' && b <= 2)
      return { from: iso(y1, a * 6 - 5, 1), to: iso(y2, b * 6, lastDay(y2, b * 6)), continuous: false };
    return none;
  }
  const half = /^(?:протягом )?(перше|друге) півріччя/.exec(s);
  if (half) {
    const h = half[1] === 'перше' ? 1 : 2;
    return { from: iso(y1, h * 6 - 5, 1), to: iso(y1, h * 6, lastDay(y1, h * 6)), continuous: false };
  }
  const months = /^(?:протягом )?([а-яіїє]+)(?:\s?-\s?([а-яіїє]+))?\s+(19|20)\d{2}/.exec(s);
  if (months && monthOf(months[1]) >= 0) {
    const a = monthOf(months[1]) + 1;
    const b = months[2] ? monthOf(months[2]) + 1 : a;
    if (b < a || b === 0) return none;
    return { from: iso(y1, a, 1), to: iso(y2, b, lastDay(y2, b)), continuous: false };
  }
  if (/^(?:протягом )?(19|20)\d{2}(\s?-\s?(19|20)\d{2})?( (рік|року|роки|років|рр?\.?))?$/.test(s) && y1 <= y2) {
    return { from: iso(y1, 1, 1), to: iso(y2, 12, 31), continuous: false };
  }
  return none;
}

const PERIOD_KEY = /^[0-9]{4}(-H[12]|-Q[1-4])?$/;

class Checker {
  readonly problems: PlanProblem[] = [];
  add(path: string, key: string, params?: Record<string, string | number>) {
    this.problems.push({ path, key, params });
  }
  /** A required non-empty string. */
  text(v: unknown, path: string, max: number): string {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) this.add(path, 'plans.p.required');
    else if (typeof v !== 'string') this.add(path, 'plans.p.string');
    else if (v.length > max) this.add(path, 'plans.p.tooLong', { max });
    else return v;
    return '';
  }
  /** An optional string (null or absent allowed). */
  optText(v: unknown, path: string, max: number): string | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.add(path, 'plans.p.string');
    else if (v.length > max) this.add(path, 'plans.p.tooLong', { max });
    else return v;
    return null;
  }
  /** A code: a string (may be empty, as goals without a number are written) of at most 50 characters. */
  code(v: unknown, path: string): string {
    if (v === undefined || v === null) this.add(path, 'plans.p.required');
    else if (typeof v !== 'string') this.add(path, 'plans.p.string');
    else if (v.length > 50) this.add(path, 'plans.p.tooLong', { max: 50 });
    else return v;
    return '';
  }
  strings(v: unknown, path: string, max: number): string[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.add(path, 'plans.p.array');
      return [];
    }
    const out: string[] = [];
    v.forEach((x, i) => {
      const s = this.text(x, `${path}[${i}]`, max);
      if (s) out.push(s);
    });
    return out;
  }
  list(v: unknown, path: string, min = 0): unknown[] {
    if (!Array.isArray(v)) {
      this.add(path, v === undefined || v === null ? 'plans.p.required' : 'plans.p.array');
      return [];
    }
    if (v.length < min) this.add(path, 'plans.p.empty');
    return v;
  }
  num(v: unknown, path: string): number | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.add(path, 'plans.p.number');
      return null;
    }
    return v;
  }
  byPeriod(v: unknown, path: string): Record<string, number> {
    if (v === undefined || v === null) return {};
    if (!isObj(v)) {
      this.add(path, 'plans.p.object');
      return {};
    }
    const out: Record<string, number> = {};
    for (const [k, x] of Object.entries(v)) {
      if (!PERIOD_KEY.test(k)) this.add(`${path}.${k}`, 'plans.p.periodKey');
      else {
        const n = this.num(x, `${path}.${k}`);
        if (n !== null) out[k] = n;
      }
    }
    return out;
  }
}

function indicatorOf(ck: Checker, v: unknown, path: string, metrics?: MetricCatalogue): IndicatorDoc | null {
  if (typeof v === 'string') {
    if (!v.trim()) {
      ck.add(path, 'plans.p.required');
      return null;
    }
    if (v.length > 1000) ck.add(path, 'plans.p.tooLong', { max: 1000 });
    return { name: v, unit: null, baseline: null, targets: {}, actuals: {}, responsible: null, metric: null };
  }
  if (!isObj(v)) {
    ck.add(path, 'plans.p.indicator');
    return null;
  }
  const unit = ck.optText(v.unit, `${path}.unit`, 100);
  const metric = ck.optText(v.metric, `${path}.metric`, 80);
  if (metric !== null && metrics) {
    const metricUnit = metrics.unitOf(metric);
    if (metricUnit === undefined) ck.add(`${path}.metric`, 'plans.p.unknownMetric', { metric });
    else if (!metrics.fits(unit, metricUnit))
      ck.add(`${path}.unit`, 'plans.p.unitMismatch', { unit: unit ?? '', metric });
  }
  return {
    name: ck.text(v.name, `${path}.name`, 1000),
    unit,
    metric,
    baseline: ck.num(v.baseline, `${path}.baseline`),
    targets: ck.byPeriod(v.targets, `${path}.targets`),
    actuals: ck.byPeriod(v.actuals, `${path}.actuals`),
    responsible: ck.optText(v.responsible, `${path}.responsible`, 500),
  };
}

function fundingOf(ck: Checker, v: unknown, path: string): FundingDoc | null {
  const source = typeof v === 'string' ? v : isObj(v) ? v.source : undefined;
  const where = typeof v === 'string' ? path : `${path}.source`;
  if (!isObj(v) && typeof v !== 'string') {
    ck.add(path, 'plans.p.funding');
    return null;
  }
  const text = ck.text(source, where, 500);
  if (!text) return null;
  let kind: FundingKind | null = fundingKindOf(text);
  if (isObj(v) && v.kind !== undefined && v.kind !== null) {
    if (typeof v.kind === 'string' && (FUNDING_KINDS as readonly string[]).includes(v.kind))
      kind = v.kind as FundingKind;
    else {
      ck.add(`${path}.kind`, 'plans.p.fundingKind', { kinds: FUNDING_KINDS.join(', ') });
      return null;
    }
  }
  if (!kind) {
    ck.add(where, 'plans.p.fundingSource', { source: text.slice(0, 80) });
    return null;
  }
  const amounts: FundingDoc['amounts'] = [];
  if (isObj(v) && v.amounts !== undefined && v.amounts !== null) {
    const seen = new Set<number>();
    ck.list(v.amounts, `${path}.amounts`).forEach((a, i) => {
      const p = `${path}.amounts[${i}]`;
      if (!isObj(a)) {
        ck.add(p, 'plans.p.object');
        return;
      }
      const year = a.year;
      if (typeof year !== 'number' || !Number.isInteger(year) || year < 1991 || year > 2100) {
        ck.add(`${p}.year`, 'plans.p.year');
        return;
      }
      if (seen.has(year)) {
        ck.add(`${p}.year`, 'plans.p.duplicateYear', { year });
        return;
      }
      seen.add(year);
      const planned = ck.num(a.planned, `${p}.planned`);
      const actual = ck.num(a.actual, `${p}.actual`);
      if ((planned ?? 0) < 0) ck.add(`${p}.planned`, 'plans.p.negative');
      if ((actual ?? 0) < 0) ck.add(`${p}.actual`, 'plans.p.negative');
      amounts.push({ year, planned, actual });
    });
  }
  return { source: text, kind, amounts };
}

/** Checks a plan in the exchange format: the plan, or every problem with its JSON path. */
export function checkPlanDocument(
  json: unknown,
  metrics?: MetricCatalogue,
): { ok: true; plan: PlanDoc } | { ok: false; problems: PlanProblem[] } {
  const ck = new Checker();
  if (!isObj(json)) return { ok: false, problems: [{ path: '$', key: 'plans.p.object' }] };
  const hromada = ck.text(json.hromada, '$.hromada', 300);
  const d = json.document;
  let document: PlanDoc['document'] = { title: '', approvedBy: null, number: null, date: null, period: null };
  if (!isObj(d)) ck.add('$.document', d === undefined || d === null ? 'plans.p.required' : 'plans.p.object');
  else {
    document = {
      title: ck.text(d.title, '$.document.title', 1000),
      approvedBy: ck.optText(d.approved_by, '$.document.approved_by', 1000),
      number: ck.optText(d.number, '$.document.number', 100),
      date: ck.optText(d.date, '$.document.date', 10),
      period: null,
    };
    if (document.date !== null && !validDate(document.date)) ck.add('$.document.date', 'plans.p.date');
    if (d.period !== undefined && d.period !== null) {
      if (!isObj(d.period)) ck.add('$.document.period', 'plans.p.object');
      else {
        const { from, to } = d.period;
        const okYear = (y: unknown) => typeof y === 'number' && Number.isInteger(y) && y >= 1991 && y <= 2100;
        if (!okYear(from)) ck.add('$.document.period.from', 'plans.p.year');
        if (!okYear(to)) ck.add('$.document.period.to', 'plans.p.year');
        if (okYear(from) && okYear(to)) {
          if ((from as number) > (to as number)) ck.add('$.document.period.to', 'plans.p.periodOrder');
          else document.period = { from: from as number, to: to as number };
        }
      }
    }
  }
  const values = ck.strings(json.values, '$.values', 1000);
  let declaredGoals: unknown[] | null = null;
  if (json.declared_goals !== undefined && json.declared_goals !== null) {
    if (!Array.isArray(json.declared_goals)) ck.add('$.declared_goals', 'plans.p.array');
    else declaredGoals = json.declared_goals;
  }
  const monitoring = ck.optText(json.monitoring, '$.monitoring', 20000);
  if (Array.isArray(json.tasks)) ck.add('$.tasks', 'plans.p.taskWithoutGoal');

  const goalCodes = new Map<string, string>();
  const taskCodes = new Map<string, string>();
  const codeOnce = (seen: Map<string, string>, code: string, path: string) => {
    if (code === '') return;
    const first = seen.get(code);
    if (first) ck.add(path, 'plans.p.duplicateCode', { code, first });
    else seen.set(code, path);
  };
  const strategicGoals = ck.list(json.strategic_goals, '$.strategic_goals', 1).map((sg, i) => {
    const sp = `$.strategic_goals[${i}]`;
    if (!isObj(sg)) {
      ck.add(sp, 'plans.p.object');
      return { code: '', title: '', operationalGoals: [] };
    }
    const code = ck.code(sg.code, `${sp}.code`);
    codeOnce(goalCodes, code, `${sp}.code`);
    if (Array.isArray(sg.tasks)) ck.add(`${sp}.tasks`, 'plans.p.taskWithoutGoal');
    const operationalGoals = ck.list(sg.operational_goals, `${sp}.operational_goals`).map((og, j) => {
      const op = `${sp}.operational_goals[${j}]`;
      if (!isObj(og)) {
        ck.add(op, 'plans.p.object');
        return { code: '', title: '', tasks: [] };
      }
      const ogCode = ck.code(og.code, `${op}.code`);
      codeOnce(goalCodes, ogCode, `${op}.code`);
      const tasks = ck.list(og.tasks, `${op}.tasks`).flatMap((t, k): TaskDoc[] => {
        const tp = `${op}.tasks[${k}]`;
        if (!isObj(t)) {
          ck.add(tp, 'plans.p.object');
          return [];
        }
        const taskCode = ck.code(t.code, `${tp}.code`);
        if (taskCode === '' && typeof t.code === 'string') ck.add(`${tp}.code`, 'plans.p.required');
        codeOnce(taskCodes, taskCode, `${tp}.code`);
        const indicators = (
          t.indicators === undefined || t.indicators === null ? [] : ck.list(t.indicators, `${tp}.indicators`)
        )
          .map((x, n) => indicatorOf(ck, x, `${tp}.indicators[${n}]`, metrics))
          .filter((x): x is IndicatorDoc => x !== null);
        const funding = (
          t.funding_sources === undefined || t.funding_sources === null
            ? []
            : ck.list(t.funding_sources, `${tp}.funding_sources`)
        )
          .map((x, n) => fundingOf(ck, x, `${tp}.funding_sources[${n}]`))
          .filter((x): x is FundingDoc => x !== null);
        return [
          {
            code: taskCode,
            title: ck.text(t.title, `${tp}.title`, 4000),
            executors: ck.strings(t.executors, `${tp}.executors`, 500),
            period: ck.optText(t.period, `${tp}.period`, 200),
            indicators,
            expectedResult: ck.optText(t.expected_result, `${tp}.expected_result`, 4000),
            funding,
          },
        ];
      });
      return { code: ogCode, title: ck.text(og.title, `${op}.title`, 2000), tasks };
    });
    return { code, title: ck.text(sg.title, `${sp}.title`, 2000), operationalGoals };
  });
  if (ck.problems.length) return { ok: false, problems: ck.problems };
  return {
    ok: true,
    plan: {
      hromada,
      document,
      values,
      strategicGoals,
      declaredGoals,
      monitoring,
    },
  };
}

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The counts the import answers with. */
export function planCounts(plan: PlanDoc) {
  const ops = plan.strategicGoals.flatMap((s) => s.operationalGoals);
  const tasks = ops.flatMap((o) => o.tasks);
  return {
    strategicGoals: plan.strategicGoals.length,
    operationalGoals: ops.length,
    tasks: tasks.length,
    indicators: tasks.reduce((n, t) => n + t.indicators.length, 0),
  };
}

/** An indicator as the format writes it: the bare name when nothing more is known. */
const indicatorJson = (i: IndicatorDoc) =>
  i.metric === null &&
  i.unit === null &&
  i.baseline === null &&
  !Object.keys(i.targets).length &&
  !Object.keys(i.actuals).length &&
  i.responsible === null
    ? i.name
    : {
        name: i.name,
        unit: i.unit,
        baseline: i.baseline,
        targets: i.targets,
        actuals: i.actuals,
        responsible: i.responsible,
        ...(i.metric === null ? {} : { metric: i.metric }),
      };

/** A funding source as the format writes it: the words alone when they tell the kind and no amounts are known. */
const fundingJson = (f: FundingDoc) =>
  f.amounts.length === 0 && fundingKindOf(f.source) === f.kind
    ? f.source
    : { source: f.source, kind: f.kind, amounts: f.amounts };

/** A plan in the exchange format again (the JSON an import reads; every key written, absent ones as null or []). */
export function planToJson(plan: PlanDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {
    hromada: plan.hromada,
    document: {
      title: plan.document.title,
      approved_by: plan.document.approvedBy,
      number: plan.document.number,
      date: plan.document.date,
      period: plan.document.period,
    },
    values: plan.values,
    strategic_goals: plan.strategicGoals.map((s) => ({
      code: s.code,
      title: s.title,
      operational_goals: s.operationalGoals.map((o) => ({
        code: o.code,
        title: o.title,
        tasks: o.tasks.map((t) => ({
          code: t.code,
          title: t.title,
          executors: t.executors,
          period: t.period,
          indicators: t.indicators.map(indicatorJson),
          expected_result: t.expectedResult,
          funding_sources: t.funding.map(fundingJson),
        })),
      })),
    })),
  };
  if (plan.declaredGoals) out.declared_goals = plan.declaredGoals;
  out.monitoring = plan.monitoring;
  return out;
}
