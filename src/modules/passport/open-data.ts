import type { TFunction } from 'i18next';
import type { Passport, PassportTable } from './passport.js';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean';
export type OpenRow = Record<string, string | number | boolean | null>;

export interface Dataset {
  key: string;
  fields: { name: string; type: FieldType }[];
  rows: OpenRow[];
}

/** The fields of a passport table's dataset, in long form: one row per cell, totals as rows of their own. */
export const PASSPORT_FIELDS: Dataset['fields'] = [
  { name: 'row_key', type: 'string' },
  { name: 'row_label', type: 'string' },
  { name: 'column', type: 'string' },
  { name: 'value', type: 'integer' },
  { name: 'suppressed', type: 'boolean' },
];

export const PLAN_DATASETS = ['plan-indicators', 'plan-funding'] as const;

export const PLAN_FIELDS: Record<(typeof PLAN_DATASETS)[number], Dataset['fields']> = {
  'plan-indicators': [
    { name: 'plan_id', type: 'integer' },
    { name: 'plan_title', type: 'string' },
    { name: 'task_code', type: 'string' },
    { name: 'indicator', type: 'string' },
    { name: 'unit', type: 'string' },
    { name: 'source', type: 'string' },
    { name: 'period', type: 'string' },
    { name: 'target', type: 'number' },
    { name: 'actual', type: 'number' },
    { name: 'actual_suppressed', type: 'boolean' },
  ],
  'plan-funding': [
    { name: 'plan_id', type: 'integer' },
    { name: 'plan_title', type: 'string' },
    { name: 'task_code', type: 'string' },
    { name: 'kind', type: 'string' },
    { name: 'source', type: 'string' },
    { name: 'year', type: 'integer' },
    { name: 'planned', type: 'number' },
    { name: 'actual', type: 'number' },
  ],
};

/** A passport table as an open dataset; a hidden count is an empty value with `suppressed` true. */
export function passportDataset(table: PassportTable, t: TFunction): Dataset {
  const rows: OpenRow[] = [];
  const cell = (rowKey: string, rowLabel: string, column: string, v: number | null) =>
    rows.push({ row_key: rowKey, row_label: rowLabel, column, value: v, suppressed: table.persons && v === null });
  for (const r of table.rows) {
    table.cols.forEach((col, j) => cell(r.key, r.label, col, r.cells[j]));
    if (table.cols.length > 1 && table.persons) cell(r.key, r.label, 'total', r.total);
  }
  const totals = table.colTotals;
  if (totals) {
    table.cols.forEach((col, j) => cell('total', t('passport.total'), col, totals[j]));
    if (table.cols.length > 1 && table.persons) cell('total', t('passport.total'), 'total', table.total);
  }
  return { key: table.key, fields: PASSPORT_FIELDS, rows };
}

export const passportDatasets = (p: Passport, t: TFunction) => p.tables.map((x) => passportDataset(x, t));
