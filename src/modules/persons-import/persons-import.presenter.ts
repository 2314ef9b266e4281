import type { TFunction } from 'i18next';
import { pageNumbers } from '../../platform/pagination.js';
import { issueText } from '../persons/persons.schema.js';
import { columnLetter, HOUSEHOLD_FIELDS, TARGET_FIELDS, REQUIRED_FIELDS, type Mapping } from './import.fields.js';
import type { ImportRow, IssueRow } from './import.queries.js';
import { ISSUES_PER_PAGE } from './use-cases/get-import.js';

/** Mapping page: one select per target field, options «A — Прізвище» for every column of the header. */
export function presentMapping(imp: ImportRow, mapping: Mapping, t: TFunction) {
  const fields = TARGET_FIELDS.map((f) => ({
    name: `map_${f}`,
    label: t(`personsImport.field.${f}`) + (REQUIRED_FIELDS.includes(f) ? '' : ` ${t('personsImport.optional')}`),
    hint: HOUSEHOLD_FIELDS.includes(f) ? t(`personsImport.fieldHint.${f}`) : null,
    items: [
      { value: '', text: t('personsImport.mapping.skip'), selected: mapping[f] === undefined },
      ...imp.header.map((h, i) => ({
        value: String(i),
        text: `${columnLetter(i)} — ${h || t('personsImport.mapping.noHeader')}`,
        selected: mapping[f] === i,
      })),
    ],
  }));
  return {
    fields,
    header: imp.header.map((h, i) => ({ letter: columnLetter(i), text: h })),
    fileSummary:
      t(`personsImport.format.${imp.format}`) + (imp.encoding === 'cp1251' ? ` ${t('personsImport.cp1251')}` : ''),
    totalText: t('personsImport.count.rows', { count: imp.total_rows }),
  };
}

function issueMessage(i: IssueRow, t: TFunction, locale: string): string {
  if (i.message.startsWith('personsImport.')) return t(i.message, i.params);
  return issueText(i.message, t, locale);
}

/** Progress or report of a run: counts with plurals, a page of issues (row, column, problem). */
export function presentStatus(
  imp: ImportRow,
  issues: IssueRow[],
  issueTotal: number,
  page: number,
  t: TFunction,
  locale: string,
) {
  const running = imp.status === 'queued' || imp.status === 'running';
  const percent = imp.total_rows ? Math.floor((imp.processed_rows * 100) / imp.total_rows) : 0;
  const pages = Math.max(1, Math.ceil(issueTotal / ISSUES_PER_PAGE));
  const link = (p: number) => `/persons/import/${imp.id}?page=${p}`;
  return {
    running,
    done: imp.status === 'done',
    failed: imp.status === 'failed',
    dryRun: imp.dry_run,
    canImport: imp.status === 'done' && imp.dry_run,
    hiddenMapping: Object.entries(imp.mapping ?? {}).map(([f, i]) => ({ name: `map_${f}`, value: String(i) })),
    confirmSimilar: imp.confirm_similar,
    failure: imp.failure ? t(imp.failure, { row: '—' }) : null,
    progressText: t('personsImport.progress', { processed: imp.processed_rows, total: imp.total_rows, percent }),
    fileSummary:
      t(`personsImport.format.${imp.format}`) + (imp.encoding === 'cp1251' ? ` ${t('personsImport.cp1251')}` : ''),
    counts: [
      { key: imp.dry_run ? 'wouldCreate' : 'created', value: imp.created_count },
      { key: 'duplicates', value: imp.duplicate_count },
      { key: 'invalid', value: imp.invalid_count },
      { key: 'warnings', value: imp.warning_count },
      ...(imp.mapping?.householdKey === undefined
        ? []
        : [
            { key: imp.dry_run ? 'householdsWould' : 'householdsCreated', value: imp.household_created_count },
            { key: 'householdsExisting', value: imp.household_existing_count },
            { key: 'householdsRejected', value: imp.household_rejected_count },
          ]),
    ].map((c) => ({ text: t(`personsImport.count.${c.key}`, { count: c.value }), key: c.key })),
    issueTotal,
    issueRows: issues.map((i) => [
      { text: String(i.row_no) },
      {
        text:
          i.column_index === null
            ? '—'
            : `${columnLetter(i.column_index)}${i.column_name ? ` (${i.column_name})` : ''}`,
      },
      { text: t(`personsImport.kind.${i.kind}`) },
      { text: issueMessage(i, t, locale) },
    ]),
    pagination:
      pages > 1
        ? {
            previous: page > 1 ? { href: link(page - 1), text: t('personsImport.prev') } : undefined,
            next: page < pages ? { href: link(page + 1), text: t('personsImport.next') } : undefined,
            // The numbers only (no gap marks), as the report has always shown them.
            items: pageNumbers(page, pages)
              .filter((p) => p !== null)
              .map((p) => ({ number: p, href: link(p), current: p === page })),
          }
        : null,
  };
}
