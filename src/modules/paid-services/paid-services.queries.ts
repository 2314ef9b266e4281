import type { Queryable } from '../../platform/db.js';
import type { Band, CategoryKind, PaymentRules, Unit } from './paid-rules.js';

const D = (column: string, as = column.replace(/^\w+\./, '')) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;
/** numeric(…, 2) hryvnias → integer kopiykas in SQL. */
const KOP = (column: string, as: string) => `(${column} * 100)::bigint::int AS ${as}`;
const NAME = (p: string) => `concat_ws(' ', ${p}.last_name, ${p}.first_name, ${p}.patronymic)`;

export const isExclusionViolation = (e: unknown): boolean => (e as { code?: string }).code === '23P01';
export const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code === '23505';

// ---- reference data -------------------------------------------------------------------------------------------

export interface Choice {
  id: string;
  name: string;
}

/** The hromada's agencies (providers) and the catalogue's paid or differentiated services, for the forms. */
export async function agencyChoices(c: Queryable, hromadaId: number): Promise<{ id: number; name: string }[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return rows;
}

export async function paidServiceChoices(c: Queryable, hromadaId: number): Promise<Choice[]> {
  const { rows } = await c.query<Choice>(
    `SELECT id, name FROM services WHERE hromada_id = $1 AND cost <> 'free' ORDER BY name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

export async function serviceExists(c: Queryable, hromadaId: number, id: string): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM services WHERE hromada_id = $1 AND id = $2', [hromadaId, id]);
  return rowCount === 1;
}

export async function agencyExists(c: Queryable, hromadaId: number, id: number): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM agencies WHERE hromada_id = $1 AND id = $2', [hromadaId, id]);
  return rowCount === 1;
}

export async function personName(c: Queryable, hromadaId: number, id: string): Promise<string | null> {
  const { rows } = await c.query<{ name: string }>(
    `SELECT ${NAME('p')} AS name FROM persons p WHERE p.hromada_id = $1 AND p.id = $2 AND p.merged_into IS NULL`,
    [hromadaId, id],
  );
  return rows[0]?.name ?? null;
}

// ---- tariffs ----------------------------------------------------------------------------------------------------

export interface TariffRow {
  id: string;
  agency_id: number;
  agency_name: string;
  service_id: string;
  service_name: string;
  unit: Unit;
  price_kop: number;
  valid_from: string;
  valid_to: string | null;
  limit_centi: number | null;
  source: 'catalogue' | 'contract';
}

const TARIFF_COLUMNS = `t.id, t.agency_id, a.name AS agency_name, t.service_id, s.name AS service_name, t.unit,
  ${KOP('t.price', 'price_kop')}, ${D('t.valid_from')}, ${D('t.valid_to')}, ${KOP('t.monthly_limit', 'limit_centi')}, t.source`;

export async function tariffs(c: Queryable, hromadaId: number, agencyId?: number): Promise<TariffRow[]> {
  const { rows } = await c.query<TariffRow>(
    `SELECT ${TARIFF_COLUMNS} FROM paid_service_tariffs t
     JOIN agencies a ON a.hromada_id = t.hromada_id AND a.id = t.agency_id
     JOIN services s ON s.hromada_id = t.hromada_id AND s.id = t.service_id
     WHERE t.hromada_id = $1 AND ($2::int IS NULL OR t.agency_id = $2)
     ORDER BY a.name, s.name, t.valid_from`,
    [hromadaId, agencyId ?? null],
  );
  return rows;
}

export interface NewTariff {
  agencyId: number;
  serviceId: string;
  unit: Unit;
  priceKop: number;
  validFrom: string;
  validTo: string | null;
  limitCenti: number | null;
  source: 'catalogue' | 'contract';
}

export async function insertTariff(c: Queryable, hromadaId: number, t: NewTariff, by: string): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO paid_service_tariffs (hromada_id, agency_id, service_id, unit, price, valid_from, valid_to, monthly_limit,
       source, created_by)
     VALUES ($1, $2, $3, $4, $5::numeric / 100, $6, $7, $8::numeric / 100, $9, $10) RETURNING id`,
    [hromadaId, t.agencyId, t.serviceId, t.unit, t.priceKop, t.validFrom, t.validTo, t.limitCenti, t.source, by],
  );
  return rows[0].id;
}

// ---- rules and settings -----------------------------------------------------------------------------------------

export async function ownRules(c: Queryable, hromadaId: number): Promise<PaymentRules[]> {
  const { rows } = await c.query<{
    valid_from: string;
    subsistence_kop: number;
    free_below: string;
    full_above: string;
    bands: Band[];
  }>(
    `SELECT ${D('valid_from')}, ${KOP('subsistence_minimum', 'subsistence_kop')}, free_below, full_above, bands
     FROM paid_service_rules WHERE hromada_id = $1 ORDER BY valid_from`,
    [hromadaId],
  );
  return rows.map((r) => ({
    validFrom: r.valid_from,
    subsistenceKop: r.subsistence_kop,
    freeBelow: Number(r.free_below),
    fullAbove: Number(r.full_above),
    bands: r.bands,
  }));
}

export async function saveRules(c: Queryable, hromadaId: number, r: PaymentRules, by: string): Promise<void> {
  await c.query(
    `INSERT INTO paid_service_rules (hromada_id, valid_from, subsistence_minimum, free_below, full_above, bands, updated_by)
     VALUES ($1, $2, $3::numeric / 100, $4, $5, $6, $7)
     ON CONFLICT (hromada_id, valid_from) DO UPDATE SET subsistence_minimum = EXCLUDED.subsistence_minimum,
       free_below = EXCLUDED.free_below, full_above = EXCLUDED.full_above, bands = EXCLUDED.bands,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [hromadaId, r.validFrom, r.subsistenceKop, r.freeBelow, r.fullAbove, JSON.stringify(r.bands), by],
  );
}

export interface PayeeSettings {
  payeeName: string | null;
  edrpou: string | null;
  iban: string | null;
  bankName: string | null;
  dueDays: number;
  purposeCode: string;
}

export const DEFAULT_SETTINGS: PayeeSettings = {
  payeeName: null,
  edrpou: null,
  iban: null,
  bankName: null,
  dueDays: 15,
  purposeCode: '101',
};

export async function payeeSettings(c: Queryable, hromadaId: number): Promise<PayeeSettings> {
  const { rows } = await c.query<{
    payee_name: string | null;
    edrpou: string | null;
    iban: string | null;
    bank_name: string | null;
    due_days: number;
    purpose_code: string;
  }>(
    'SELECT payee_name, edrpou, iban, bank_name, due_days, purpose_code FROM paid_service_settings WHERE hromada_id = $1',
    [hromadaId],
  );
  const r = rows[0];
  return r
    ? {
        payeeName: r.payee_name,
        edrpou: r.edrpou,
        iban: r.iban,
        bankName: r.bank_name,
        dueDays: r.due_days,
        purposeCode: r.purpose_code,
      }
    : { ...DEFAULT_SETTINGS };
}

export async function savePayeeSettings(c: Queryable, hromadaId: number, s: PayeeSettings, by: string): Promise<void> {
  await c.query(
    `INSERT INTO paid_service_settings (hromada_id, payee_name, edrpou, iban, bank_name, due_days, purpose_code, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (hromada_id) DO UPDATE SET payee_name = EXCLUDED.payee_name, edrpou = EXCLUDED.edrpou,
       iban = EXCLUDED.iban, bank_name = EXCLUDED.bank_name, due_days = EXCLUDED.due_days,
       purpose_code = EXCLUDED.purpose_code, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [hromadaId, s.payeeName, s.edrpou, s.iban, s.bankName, s.dueDays, s.purposeCode, by],
  );
}

export async function hromadaDetails(c: Queryable, hromadaId: number): Promise<{ name: string; code: string }> {
  const { rows } = await c.query<{ name: string; code: string }>('SELECT name, code FROM hromadas WHERE id = $1', [
    hromadaId,
  ]);
  return rows[0] ?? { name: '', code: '' };
}

// ---- incomes and categories -------------------------------------------------------------------------------------

export interface IncomeRow {
  id: string;
  year: number;
  quarter: number;
  total_kop: number;
  members: number;
  documents: string;
}

export async function incomesOf(c: Queryable, hromadaId: number, personId: string): Promise<IncomeRow[]> {
  const { rows } = await c.query<IncomeRow>(
    `SELECT id, year, quarter, ${KOP('total_income', 'total_kop')}, members, documents FROM paid_service_incomes
     WHERE hromada_id = $1 AND person_id = $2 ORDER BY year DESC, quarter DESC`,
    [hromadaId, personId],
  );
  return rows;
}

export async function incomeFor(
  c: Queryable,
  hromadaId: number,
  personId: string,
  year: number,
  quarter: number,
): Promise<IncomeRow | null> {
  const { rows } = await c.query<IncomeRow>(
    `SELECT id, year, quarter, ${KOP('total_income', 'total_kop')}, members, documents FROM paid_service_incomes
     WHERE hromada_id = $1 AND person_id = $2 AND year = $3 AND quarter = $4`,
    [hromadaId, personId, year, quarter],
  );
  return rows[0] ?? null;
}

export async function insertIncome(
  c: Queryable,
  hromadaId: number,
  i: { personId: string; year: number; quarter: number; totalKop: number; members: number; documents: string },
  by: string,
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO paid_service_incomes (hromada_id, person_id, year, quarter, total_income, members, documents, created_by)
     VALUES ($1, $2, $3, $4, $5::numeric / 100, $6, $7, $8) RETURNING id`,
    [hromadaId, i.personId, i.year, i.quarter, i.totalKop, i.members, i.documents, by],
  );
  return rows[0].id;
}

export interface CategoryRow {
  id: string;
  service_id: string;
  service_name: string;
  kind: CategoryKind;
  ground: string | null;
  decided_on: string;
  ratio: string | null;
  share_bp: number;
  valid_from: string;
  valid_to: string | null;
}

export async function categoriesOf(
  c: Queryable,
  hromadaId: number,
  personIds: string[],
): Promise<(CategoryRow & { person_id: string })[]> {
  const { rows } = await c.query<CategoryRow & { person_id: string }>(
    `SELECT k.id, k.person_id, k.service_id, s.name AS service_name, k.kind, k.ground, ${D('k.decided_on')}, k.ratio,
       k.share_bp, ${D('k.valid_from')}, ${D('k.valid_to')}
     FROM paid_service_categories k JOIN services s ON s.hromada_id = k.hromada_id AND s.id = k.service_id
     WHERE k.hromada_id = $1 AND k.person_id = ANY($2::uuid[]) ORDER BY s.name, k.valid_from`,
    [hromadaId, personIds],
  );
  return rows;
}

export interface NewCategory {
  personId: string;
  serviceId: string;
  kind: CategoryKind;
  ground: string | null;
  incomeId: string | null;
  decidedOn: string;
  ratio: number | null;
  shareBp: number;
  validFrom: string;
  validTo: string | null;
}

export async function insertCategory(c: Queryable, hromadaId: number, k: NewCategory, by: string): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO paid_service_categories (hromada_id, person_id, service_id, kind, ground, income_id, decided_on, ratio,
       share_bp, valid_from, valid_to, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      hromadaId,
      k.personId,
      k.serviceId,
      k.kind,
      k.ground,
      k.incomeId,
      k.decidedOn,
      k.ratio,
      k.shareBp,
      k.validFrom,
      k.validTo,
      by,
    ],
  );
  return rows[0].id;
}

// ---- the invoice run ----------------------------------------------------------------------------------------------

/** The agencies with acts (not cancelled) in the month, or just the one asked for. */
export async function agenciesWithActs(
  c: Queryable,
  hromadaId: number,
  first: string,
  last: string,
  agencyId: number | null,
): Promise<{ id: number; name: string }[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    `SELECT a.id, a.name FROM agencies a WHERE a.hromada_id = $1 AND ($4::int IS NULL OR a.id = $4)
       AND EXISTS (SELECT 1 FROM service_acts x WHERE x.hromada_id = a.hromada_id AND x.agency_id = a.id
         AND x.cancelled_at IS NULL AND x.act_date BETWEEN $2 AND $3)
     ORDER BY a.name`,
    [hromadaId, first, last, agencyId],
  );
  return rows;
}

/** Serializes runs of one provider's month (a second run waits, then finds the invoices of the first). */
export async function lockAgencyMonth(c: Queryable, hromadaId: number, agencyId: number, month: string) {
  await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `paid-invoices:${hromadaId}:${agencyId}:${month}`,
  ]);
}

export interface ActRow {
  person_id: string;
  service_id: string;
  act_date: string;
  minutes: number;
}

/** The provider's acts of the month (cancelled ones skipped) for services that are not free in the catalogue. */
export async function actsOfMonth(
  c: Queryable,
  hromadaId: number,
  agencyId: number,
  first: string,
  last: string,
): Promise<ActRow[]> {
  const { rows } = await c.query<ActRow>(
    `SELECT x.person_id, x.service_id, ${D('x.act_date')}, x.minutes FROM service_acts x
     JOIN services s ON s.hromada_id = x.hromada_id AND s.id = x.service_id
     WHERE x.hromada_id = $1 AND x.agency_id = $2 AND x.cancelled_at IS NULL AND x.act_date BETWEEN $3 AND $4
       AND s.cost <> 'free'
     ORDER BY x.person_id, x.act_date`,
    [hromadaId, agencyId, first, last],
  );
  return rows;
}

export async function existingInvoicePersons(
  c: Queryable,
  hromadaId: number,
  agencyId: number,
  month: string,
): Promise<Map<string, string>> {
  const { rows } = await c.query<{ person_id: string; id: string }>(
    `SELECT person_id, id FROM paid_service_invoices WHERE hromada_id = $1 AND agency_id = $2 AND month = $3`,
    [hromadaId, agencyId, `${month}-01`],
  );
  return new Map(rows.map((r) => [r.person_id, r.id]));
}

export interface NewInvoice {
  agencyId: number;
  personId: string;
  month: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  totalKop: number;
  purpose: string;
  lines: {
    serviceId: string;
    tariffId: string;
    periodFrom: string;
    periodTo: string;
    unit: Unit;
    volumeCenti: number;
    priceKop: number;
    shareBp: number;
    amountKop: number;
  }[];
}

/** An invoice with its lines, in one statement. */
export async function insertInvoice(c: Queryable, hromadaId: number, i: NewInvoice, by: string): Promise<string> {
  const lines = i.lines.map((l, n) => ({
    position: n + 1,
    service_id: l.serviceId,
    tariff_id: l.tariffId,
    period_from: l.periodFrom,
    period_to: l.periodTo,
    unit: l.unit,
    volume_centi: l.volumeCenti,
    price_kop: l.priceKop,
    share_bp: l.shareBp,
    amount_kop: l.amountKop,
  }));
  const { rows } = await c.query<{ id: string }>(
    `WITH i AS (
       INSERT INTO paid_service_invoices (hromada_id, agency_id, person_id, month, number, issued_on, due_on, total,
         purpose, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric / 100, $9, $10) RETURNING id),
     l AS (
       INSERT INTO paid_service_invoice_lines (hromada_id, invoice_id, position, service_id, tariff_id, period_from,
         period_to, unit, volume, price, share_bp, amount)
       SELECT $1, i.id, r.position, r.service_id, r.tariff_id, r.period_from, r.period_to, r.unit,
         r.volume_centi::numeric / 100, r.price_kop::numeric / 100, r.share_bp, r.amount_kop::numeric / 100
       FROM i, jsonb_to_recordset($11::jsonb) AS r(position int, service_id uuid, tariff_id uuid, period_from date,
         period_to date, unit text, volume_centi bigint, price_kop bigint, share_bp int, amount_kop bigint))
     SELECT id FROM i`,
    [
      hromadaId,
      i.agencyId,
      i.personId,
      `${i.month}-01`,
      i.number,
      i.issuedOn,
      i.dueOn,
      i.totalKop,
      i.purpose,
      by,
      JSON.stringify(lines),
    ],
  );
  return rows[0].id;
}

// ---- reading invoices -------------------------------------------------------------------------------------------

export interface InvoiceRow {
  id: string;
  agency_id: number;
  agency_name: string;
  person_id: string;
  person_name: string;
  month: string;
  number: string;
  issued_on: string;
  due_on: string;
  total_kop: number;
  paid_kop: number;
  purpose: string;
}

const INVOICE_SELECT = `SELECT i.id, i.agency_id, a.name AS agency_name, i.person_id, ${NAME('p')} AS person_name,
    to_char(i.month, 'YYYY-MM') AS month, i.number, ${D('i.issued_on')}, ${D('i.due_on')}, ${KOP('i.total', 'total_kop')},
    COALESCE((SELECT (sum(y.amount) * 100)::bigint::int FROM paid_service_payments y
      WHERE y.hromada_id = i.hromada_id AND y.invoice_id = i.id), 0) AS paid_kop, i.purpose
  FROM paid_service_invoices i
  JOIN agencies a ON a.hromada_id = i.hromada_id AND a.id = i.agency_id
  JOIN persons p ON p.hromada_id = i.hromada_id AND p.id = i.person_id`;

/** Invoices of a month, of one agency or of the agencies listed (null: all of the hromada). */
export async function invoicesOfMonth(
  c: Queryable,
  hromadaId: number,
  month: string,
  agencyIds: number[] | null,
): Promise<InvoiceRow[]> {
  const { rows } = await c.query<InvoiceRow>(
    `${INVOICE_SELECT} WHERE i.hromada_id = $1 AND i.month = $2 AND ($3::int[] IS NULL OR i.agency_id = ANY($3))
     ORDER BY a.name, i.number`,
    [hromadaId, `${month}-01`, agencyIds],
  );
  return rows;
}

export async function invoicesByIds(c: Queryable, hromadaId: number, ids: string[]): Promise<InvoiceRow[]> {
  const { rows } = await c.query<InvoiceRow>(
    `${INVOICE_SELECT} WHERE i.hromada_id = $1 AND i.id = ANY($2::uuid[]) ORDER BY a.name, i.number`,
    [hromadaId, ids],
  );
  return rows;
}

export async function invoicesOfPersons(c: Queryable, hromadaId: number, personIds: string[]): Promise<InvoiceRow[]> {
  const { rows } = await c.query<InvoiceRow>(
    `${INVOICE_SELECT} WHERE i.hromada_id = $1 AND i.person_id = ANY($2::uuid[]) ORDER BY i.month DESC, i.number`,
    [hromadaId, personIds],
  );
  return rows;
}

export async function loadInvoice(c: Queryable, hromadaId: number, id: string): Promise<InvoiceRow | null> {
  const { rows } = await c.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.hromada_id = $1 AND i.id = $2`, [
    hromadaId,
    id,
  ]);
  return rows[0] ?? null;
}

export interface LineRow {
  position: number;
  service_name: string;
  period_from: string;
  period_to: string;
  unit: Unit;
  volume_centi: number;
  price_kop: number;
  share_bp: number;
  amount_kop: number;
}

export async function invoiceLines(c: Queryable, hromadaId: number, invoiceId: string): Promise<LineRow[]> {
  const { rows } = await c.query<LineRow>(
    `SELECT l.position, s.name AS service_name, ${D('l.period_from')}, ${D('l.period_to')}, l.unit,
       ${KOP('l.volume', 'volume_centi')}, ${KOP('l.price', 'price_kop')}, l.share_bp, ${KOP('l.amount', 'amount_kop')}
     FROM paid_service_invoice_lines l JOIN services s ON s.hromada_id = l.hromada_id AND s.id = l.service_id
     WHERE l.hromada_id = $1 AND l.invoice_id = $2 ORDER BY l.position`,
    [hromadaId, invoiceId],
  );
  return rows;
}

export interface PaymentRow {
  id: string;
  paid_on: string;
  amount_kop: number;
}

export async function invoicePayments(c: Queryable, hromadaId: number, invoiceId: string): Promise<PaymentRow[]> {
  const { rows } = await c.query<PaymentRow>(
    `SELECT id, ${D('paid_on')}, ${KOP('amount', 'amount_kop')} FROM paid_service_payments
     WHERE hromada_id = $1 AND invoice_id = $2 ORDER BY paid_on, created_at`,
    [hromadaId, invoiceId],
  );
  return rows;
}

export async function insertPayment(
  c: Queryable,
  hromadaId: number,
  invoiceId: string,
  paidOn: string,
  amountKop: number,
  by: string,
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO paid_service_payments (hromada_id, invoice_id, paid_on, amount, created_by)
     VALUES ($1, $2, $3, $4::numeric / 100, $5) RETURNING id`,
    [hromadaId, invoiceId, paidOn, amountKop, by],
  );
  return rows[0].id;
}

/** Locks an invoice row (payments of one invoice are recorded one at a time). */
export async function lockInvoice(c: Queryable, hromadaId: number, id: string): Promise<void> {
  await c.query('SELECT 1 FROM paid_service_invoices WHERE hromada_id = $1 AND id = $2 FOR UPDATE', [hromadaId, id]);
}

// ---- the cabinet ------------------------------------------------------------------------------------------------

export interface MyActRow {
  person_name: string;
  service_name: string;
  agency_name: string;
  act_date: string;
  minutes: number;
}

/** The acts (not cancelled) of these persons, newest first, at most 200. */
export async function actsOfPersons(c: Queryable, hromadaId: number, personIds: string[]): Promise<MyActRow[]> {
  const { rows } = await c.query<MyActRow>(
    `SELECT ${NAME('p')} AS person_name, s.name AS service_name, a.name AS agency_name, ${D('x.act_date')}, x.minutes
     FROM service_acts x
     JOIN persons p ON p.hromada_id = x.hromada_id AND p.id = x.person_id
     JOIN services s ON s.hromada_id = x.hromada_id AND s.id = x.service_id
     JOIN agencies a ON a.hromada_id = x.hromada_id AND a.id = x.agency_id
     WHERE x.hromada_id = $1 AND x.person_id = ANY($2::uuid[]) AND x.cancelled_at IS NULL
     ORDER BY x.act_date DESC, x.created_at DESC LIMIT 200`,
    [hromadaId, personIds],
  );
  return rows;
}
