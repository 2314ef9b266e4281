import ExcelJS from 'exceljs';
import { FUNDING_KINDS, type FundingKind, type PlanProblem } from './plan-format.js';

/**
 * The XLSX template of a plan (issue 13 item 2): four sheets a municipal officer fills by hand — the document, the
 * measures (a row per task with its goals), the indicators (a row per indicator and period) and the funding (a row
 * per source and year). `readPlanXlsx` turns a filled one into the exchange format (then imported like a JSON file),
 * or lists every problem with its sheet, row and column; a sheet whose columns were moved or dropped is named with
 * the column that should be there.
 */

export const SHEETS = {
  plan: 'План',
  tasks: 'Заходи',
  indicators: 'Індикатори',
  funding: 'Фінансування',
} as const;

/** The «План» sheet: a label in A and the value in B, in this order from row 2. */
const PLAN_ROWS = [
  'Громада',
  'Назва документа',
  'Ким затверджено',
  'Номер рішення',
  'Дата рішення (дд.мм.рррр)',
  'Рік початку',
  'Рік завершення',
  'Цінності (через ;)',
  'Моніторинг',
] as const;

export const COLUMNS = {
  tasks: [
    'Код стратегічної цілі',
    'Стратегічна ціль',
    'Код операційної цілі',
    'Операційна ціль',
    'Код завдання',
    'Завдання (захід)',
    'Виконавці (через ;)',
    'Строк виконання',
    'Очікуваний результат',
  ],
  indicators: [
    'Код завдання',
    'Індикатор',
    'Одиниця виміру',
    'Базове значення',
    'Період (2026, 2026-H1, 2026-Q3)',
    'Ціль',
    'Факт',
    'Відповідальний',
    'Показник платформи (ключ)',
  ],
  funding: ['Код завдання', 'Джерело фінансування', 'Вид джерела', 'Рік', 'Заплановано, грн', 'Фактично, грн'],
} as const;

const KIND_NAMES: Record<FundingKind, string> = {
  local: 'Місцевий бюджет',
  state: 'Державний бюджет',
  oblast: 'Обласний бюджет',
  international: 'Міжнародна технічна допомога',
  other: 'Інші джерела',
};

const letter = (col: number) => String.fromCharCode(64 + col);
const at = (sheet: string, row: number, col: number | null) =>
  col === null ? `«${sheet}», рядок ${row}` : `«${sheet}», рядок ${row}, стовпець ${letter(col)}`;

/** The template: the four sheets with their headers, an example row in each, the kinds of funding listed. */
export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Turbota';
  const plan = wb.addWorksheet(SHEETS.plan);
  plan.addRow(['Поле', 'Значення']).font = { bold: true };
  for (const label of PLAN_ROWS) plan.addRow([label, '']);
  plan.getColumn(1).width = 32;
  plan.getColumn(2).width = 80;
  const sheet = (name: string, header: readonly string[], example: (string | number)[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...header]).font = { bold: true };
    ws.addRow(example).font = { italic: true, color: { argb: 'FF505A5F' } };
    header.forEach((_, i) => (ws.getColumn(i + 1).width = i === 5 || i === 1 ? 50 : 20));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  sheet(SHEETS.tasks, COLUMNS.tasks, [
    '1',
    'Доступні соціальні послуги',
    '1.1',
    'Послуги вдома',
    '1.1.1',
    'Приклад: запровадити догляд удома',
    'Відділ соціального захисту; Центр надання соціальних послуг',
    '2026–2027',
    'Послуга доступна в усіх селах',
  ]);
  sheet(SHEETS.indicators, COLUMNS.indicators, [
    '1.1.1',
    'Приклад: отримувачі догляду',
    'осіб',
    10,
    '2026',
    30,
    '',
    'Центр',
    '',
  ]);
  sheet(SHEETS.funding, COLUMNS.funding, ['1.1.1', 'Приклад: місцевий бюджет', KIND_NAMES.local, 2026, 150000, '']);
  const kinds = wb.addWorksheet('Види джерел');
  kinds.addRow(['Вид джерела', 'Код']).font = { bold: true };
  for (const k of FUNDING_KINDS) kinds.addRow([KIND_NAMES[k], k]);
  kinds.getColumn(1).width = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's value as text: numbers and dates as written, rich text joined, a formula by its result. */
function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(v.getUTCDate())}.${p(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
  }
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) {
    const r = v.result;
    return typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? String(r).trim() : '';
  }
  if (typeof v === 'object' && 'text' in v) return v.text.trim();
  return '';
}

/** A number as people type it («1 200», «12,5») or as a numeric cell; `undefined` for a cell that is not one. */
function numberOf(cell: ExcelJS.Cell): number | null | undefined {
  if (typeof cell.value === 'number') return cell.value;
  const s = text(cell)
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  if (s === '') return null;
  return /^-?[0-9]+(\.[0-9]+)?$/.test(s) ? Number(s) : undefined;
}

/** The example rows of the template are skipped: they begin with «Приклад:». */
const isExample = (row: ExcelJS.Row, col: number) => text(row.getCell(col)).startsWith('Приклад:');

export async function readPlanXlsx(
  buf: Buffer,
): Promise<{ ok: true; json: Record<string, unknown> } | { ok: false; problems: PlanProblem[] }> {
  const problems: PlanProblem[] = [];
  const add = (path: string, key: string, params?: Record<string, string | number>) =>
    problems.push({ path, key, params });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ path: 'XLSX', key: 'plans.x.notXlsx' }] };
  }
  const get = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) add(`«${name}»`, 'plans.x.noSheet', { sheet: name });
    return ws;
  };
  const plan = get(SHEETS.plan);
  const tasksWs = get(SHEETS.tasks);
  const indWs = get(SHEETS.indicators);
  const fundWs = get(SHEETS.funding);
  // Headers: every column where the template has it.
  const header = (ws: ExcelJS.Worksheet | undefined, name: string, cols: readonly string[]) => {
    if (!ws) return false;
    let good = true;
    cols.forEach((expected, i) => {
      const found = text(ws.getRow(1).getCell(i + 1));
      if (found !== expected) {
        good = false;
        add(at(name, 1, i + 1), found ? 'plans.x.movedColumn' : 'plans.x.missingColumn', { expected, found });
      }
    });
    return good;
  };
  const planRows: Record<string, string> = {};
  if (plan)
    PLAN_ROWS.forEach((label, i) => {
      const row = plan.getRow(i + 2);
      if (text(row.getCell(1)) !== label) add(at(SHEETS.plan, i + 2, 1), 'plans.x.movedRow', { expected: label });
      else planRows[label] = text(row.getCell(2));
    });
  const headersOk = [
    header(tasksWs, SHEETS.tasks, COLUMNS.tasks),
    header(indWs, SHEETS.indicators, COLUMNS.indicators),
    header(fundWs, SHEETS.funding, COLUMNS.funding),
  ].every(Boolean);
  if (!plan || !tasksWs || !indWs || !fundWs || !headersOk) return { ok: false, problems };

  // The document.
  if (!planRows['Громада']) add(at(SHEETS.plan, 2, 2), 'plans.x.required');
  const title = planRows['Назва документа'] ?? '';
  if (!title) add(at(SHEETS.plan, 3, 2), 'plans.x.required');
  const dateText = planRows['Дата рішення (дд.мм.рррр)'] ?? '';
  const dm = /^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$/.exec(dateText);
  if (dateText && !dm) add(at(SHEETS.plan, 6, 2), 'plans.x.date');
  const year = (label: string, row: number) => {
    const v = planRows[label] ?? '';
    if (!v) return null;
    if (!/^[0-9]{4}$/.test(v)) {
      add(at(SHEETS.plan, row, 2), 'plans.x.year');
      return null;
    }
    return Number(v);
  };
  const from = year('Рік початку', 7);
  const to = year('Рік завершення', 8);

  // Measures: goals come from the rows' codes; a code repeated with another title is a problem.
  type TaskJson = Record<string, unknown> & { indicators: Record<string, unknown>[]; funding_sources: unknown[] };
  const strategic = new Map<string, { title: string; ops: Map<string, { title: string; tasks: TaskJson[] }> }>();
  const opOwner = new Map<string, string>();
  const taskOf = new Map<string, TaskJson>();
  tasksWs.eachRow((row, r) => {
    if (r === 1 || isExample(row, 6)) return;
    const c = COLUMNS.tasks.map((_, i) => text(row.getCell(i + 1)));
    if (c.every((x) => x === '')) return;
    const [sCode, sTitle, oCode, oTitle, tCode, tTitle, executors, period, expected] = c;
    [sCode, sTitle, oCode, oTitle, tCode, tTitle].forEach((v, i) => {
      if (!v) add(at(SHEETS.tasks, r, i + 1), 'plans.x.required');
    });
    if (!sCode || !oCode || !tCode || !tTitle) return;
    let s = strategic.get(sCode);
    if (!s) strategic.set(sCode, (s = { title: sTitle, ops: new Map() }));
    else if (sTitle && s.title !== sTitle) add(at(SHEETS.tasks, r, 2), 'plans.x.otherTitle', { code: sCode });
    const owner = opOwner.get(oCode);
    if (owner !== undefined && owner !== sCode) add(at(SHEETS.tasks, r, 3), 'plans.x.otherGoal', { code: oCode });
    opOwner.set(oCode, sCode);
    let o = s.ops.get(oCode);
    if (!o) s.ops.set(oCode, (o = { title: oTitle, tasks: [] }));
    else if (oTitle && o.title !== oTitle) add(at(SHEETS.tasks, r, 4), 'plans.x.otherTitle', { code: oCode });
    if (taskOf.has(tCode)) {
      add(at(SHEETS.tasks, r, 5), 'plans.x.duplicate', { code: tCode });
      return;
    }
    const task: TaskJson = {
      code: tCode,
      title: tTitle,
      executors: executors
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean),
      period: period || null,
      expected_result: expected || null,
      indicators: [],
      funding_sources: [],
    };
    taskOf.set(tCode, task);
    o.tasks.push(task);
  });
  if (!taskOf.size && !problems.length) add(at(SHEETS.tasks, 2, null), 'plans.x.noTasks');

  // Indicators: one per task and name; its periods' targets and actuals from its rows.
  indWs.eachRow((row, r) => {
    if (r === 1 || isExample(row, 2)) return;
    const cells = COLUMNS.indicators.map((_, i) => row.getCell(i + 1));
    if (cells.every((x) => text(x) === '')) return;
    const [tCode, name, unit, , period, , , responsible, metric] = cells.map(text);
    const task = taskOf.get(tCode);
    if (!tCode) add(at(SHEETS.indicators, r, 1), 'plans.x.required');
    else if (!task) add(at(SHEETS.indicators, r, 1), 'plans.x.unknownTask', { code: tCode });
    if (!name) add(at(SHEETS.indicators, r, 2), 'plans.x.required');
    const nums = [3, 5, 6].map((i) => {
      const v = numberOf(cells[i]);
      if (v === undefined) add(at(SHEETS.indicators, r, i + 1), 'plans.x.number');
      return v ?? null;
    });
    const [baseline, target, actual] = nums;
    if (period && !/^[0-9]{4}(-H[12]|-Q[1-4])?$/.test(period)) add(at(SHEETS.indicators, r, 5), 'plans.x.period');
    if (!period && (target !== null || actual !== null)) add(at(SHEETS.indicators, r, 5), 'plans.x.periodNeeded');
    if (!task || !name) return;
    let ind = task.indicators.find((i) => i.name === name);
    if (!ind) {
      ind = { name, unit: unit || null, baseline, targets: {}, actuals: {}, responsible: responsible || null };
      if (metric) ind.metric = metric;
      task.indicators.push(ind);
    }
    if (period && target !== null) (ind.targets as Record<string, number>)[period] = target;
    if (period && actual !== null) (ind.actuals as Record<string, number>)[period] = actual;
  });

  // Funding: one source per task and name and kind; its years' amounts from its rows.
  const kindOf = (v: string): FundingKind | null => {
    const k = v.trim().toLowerCase();
    return FUNDING_KINDS.find((x) => x === k || KIND_NAMES[x].toLowerCase() === k) ?? (k === '' ? 'other' : null);
  };
  fundWs.eachRow((row, r) => {
    if (r === 1 || isExample(row, 2)) return;
    const cells = COLUMNS.funding.map((_, i) => row.getCell(i + 1));
    if (cells.every((x) => text(x) === '')) return;
    const [tCode, source, kindText, yearText] = cells.map(text);
    const task = taskOf.get(tCode);
    if (!tCode) add(at(SHEETS.funding, r, 1), 'plans.x.required');
    else if (!task) add(at(SHEETS.funding, r, 1), 'plans.x.unknownTask', { code: tCode });
    if (!source) add(at(SHEETS.funding, r, 2), 'plans.x.required');
    const kind = kindOf(kindText);
    if (!kind) add(at(SHEETS.funding, r, 3), 'plans.x.kind');
    const planned = numberOf(cells[4]);
    const actual = numberOf(cells[5]);
    if (planned === undefined) add(at(SHEETS.funding, r, 5), 'plans.x.number');
    if (actual === undefined) add(at(SHEETS.funding, r, 6), 'plans.x.number');
    const amount = planned != null || actual != null;
    if (yearText && !/^[0-9]{4}$/.test(yearText)) add(at(SHEETS.funding, r, 4), 'plans.x.year');
    if (!yearText && amount) add(at(SHEETS.funding, r, 4), 'plans.x.yearNeeded');
    if (!task || !source || !kind) return;
    let f = task.funding_sources.find(
      (x): x is { source: string; kind: string; amounts: unknown[] } =>
        typeof x === 'object' &&
        x !== null &&
        (x as { source: string }).source === source &&
        (x as { kind: string }).kind === kind,
    );
    if (!f) task.funding_sources.push((f = { source, kind, amounts: [] }));
    if (amount && /^[0-9]{4}$/.test(yearText))
      f.amounts.push({ year: Number(yearText), planned: planned ?? null, actual: actual ?? null });
  });
  if (problems.length) return { ok: false, problems };

  return {
    ok: true,
    json: {
      hromada: planRows['Громада'],
      document: {
        title,
        approved_by: planRows['Ким затверджено'] || null,
        number: planRows['Номер рішення'] || null,
        date: dm ? `${dm[3]}-${dm[2]}-${dm[1]}` : null,
        period: from !== null && to !== null ? { from, to } : null,
      },
      values: (planRows['Цінності (через ;)'] ?? '')
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean),
      strategic_goals: [...strategic].map(([code, s]) => ({
        code,
        title: s.title,
        operational_goals: [...s.ops].map(([oc, o]) => ({ code: oc, title: o.title, tasks: o.tasks })),
      })),
      monitoring: planRows['Моніторинг'] || null,
    },
  };
}
