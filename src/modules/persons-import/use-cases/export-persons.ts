import type { TFunction } from 'i18next';
import { AppError } from '../../../platform/errors.js';
import { displayDate, kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { identifierHash } from '../../persons/persons.identifiers.js';
import { searchReach } from '../../persons/persons.policy.js';
import {
  identifierQuery,
  searchByIdentifier,
  searchByName,
  SEARCH_CAP,
  type PersonListRow,
  type SearchFilters,
} from '../../persons/persons.search.js';
import { toCsv, toXlsx } from '../../../platform/spreadsheet.js';
import { filtersOf, type ExportForm } from '../export.schema.js';

/** Export columns: identifiers only as stored masks (never in clear). */
function exportTable(rows: PersonListRow[], t: TFunction): { header: string[]; body: string[][] } {
  const header = [
    'lastName',
    'firstName',
    'patronymic',
    'birthDate',
    'sex',
    'rnokpp',
    'unzr',
    'settlement',
    'settlementCode',
  ].map((k) => t(`personsImport.export.column.${k}`));
  const body = rows.map((r) => [
    r.last_name,
    r.first_name,
    r.patronymic ?? '',
    displayDate(r.birth_date),
    r.sex ? t(`personsImport.export.sex.${r.sex}`) : '',
    r.rnokpp_mask ?? '',
    r.unzr_mask ?? '',
    r.settlement_name ?? '',
    r.reg_settlement_code ?? '',
  ]);
  return { header, body };
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
  rows: number;
  capped: boolean;
}

/**
 * Exports the current search (same query, filters and reach as the registry search, up to its cap)
 * to CSV or XLSX. Managers only; audited with the filters used and the number of rows, not the query text.
 */
export async function exportPersons(o: UseCase<{ form: ExportForm; t: TFunction }>): Promise<ExportFile> {
  const filters: SearchFilters = filtersOf(o.form);
  const page = await inTenant(o, 'registry.export', async ({ c, actor, hromadaId, audit }) => {
    const reach = searchReach(actor);
    if (!reach) throw new AppError('forbidden');
    const id = identifierQuery(o.form.q);
    const result = id
      ? await searchByIdentifier(
          c,
          hromadaId,
          id.kind,
          identifierHash(o.services, id.kind, id.value),
          filters,
          reach,
          SEARCH_CAP,
          0,
        )
      : await searchByName(c, hromadaId, o.form.q, filters, reach, SEARCH_CAP, 0);
    const used = Object.keys(filters).filter((k) => filters[k as keyof SearchFilters] !== undefined);
    await audit({
      action: 'person.export',
      operation: 'read',
      entityType: 'person',
      fields: [...(o.form.q ? [id ? `q:${id.kind}` : 'q:name'] : []), ...used],
      reason: `format:${o.form.format};rows:${String(result.items.length)}${result.capped ? ';capped' : ''}`,
    });
    return result;
  });
  const { header, body } = exportTable(page.items, o.t);
  const fileName = `osoby-${kyivToday()}.${o.form.format}`;
  return o.form.format === 'xlsx'
    ? {
        body: await toXlsx(o.t('personsImport.export.sheet'), header, body),
        fileName,
        rows: page.items.length,
        capped: page.capped,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }
    : {
        body: toCsv(header, body),
        fileName,
        rows: page.items.length,
        capped: page.capped,
        contentType: 'text/csv; charset=utf-8',
      };
}
