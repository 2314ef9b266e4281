import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Decision 0011: every tenant table is keyed by its hromada so a national deployment can
 * distribute by `hromada_id` (Citus row-based distribution). A table created from now on must
 * lead its primary key and unique constraints with `hromada_id`, and a foreign key to another
 * tenant table must carry `hromada_id` on both sides. The tables below predate the decision and
 * are to be converted; the list may only shrink.
 */
const KNOWN = [
  'agencies',
  'api_tokens',
  'application_document_requests',
  'application_documents',
  'application_history',
  'application_messages',
  'applications',
  'audit_log',
  'consents',
  'decision_documents',
  'district_settlements',
  'districts',
  'grants',
  'household_members',
  'households',
  'life_situation_services',
  'life_situations',
  'notifications',
  'online_application_forms',
  'person_agencies',
  'person_categories',
  'person_documents',
  'person_import_issues',
  'person_imports',
  'person_merges',
  'persons',
  'resident_persons',
  'service_assignment_history',
  'service_assignments',
  'service_documents',
  'service_history',
  'service_providers',
  'service_steps',
  'services',
];

/**
 * Tables that carry hromada_id but are not distributed by it: reference tables replicated to every
 * node (rows shared by all hromadas have hromada_id NULL) and local tables that stay on the
 * coordinator (a session belongs to a user; its hromada_id is the hromada chosen for now).
 */
const REFERENCE = ['assessment_form_versions', 'assessment_forms', 'case_types', 'category_types'];
const LOCAL = ['sessions'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Constraint {
  table: string;
  name: string;
  type: 'p' | 'u' | 'f';
  cols: string[];
  refTable: string | null;
  refCols: string[] | null;
}

async function tenantKeyProblems(): Promise<string[]> {
  const tenant = new Set(
    (
      await t.owner<{ table_name: string }>(
        `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'hromada_id' AND tb.table_type = 'BASE TABLE'`,
      )
    ).rows
      .map((r) => r.table_name)
      .filter((name) => !REFERENCE.includes(name) && !LOCAL.includes(name)),
  );
  const constraints = (
    await t.owner<Constraint>(
      `SELECT rel.relname AS table, con.conname AS name, con.contype AS type,
            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS cols,
            ref.relname AS "refTable",
            CASE WHEN con.confrelid = 0 THEN NULL ELSE
              ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] END AS "refCols"
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace ns ON ns.oid = rel.relnamespace AND ns.nspname = 'public'
       LEFT JOIN pg_class ref ON ref.oid = con.confrelid
      WHERE con.contype IN ('p', 'u', 'f')`,
    )
  ).rows;
  const uniqueIndexes = (
    await t.owner<{ table: string; name: string; first: string }>(
      `SELECT tbl.relname AS table, idx.relname AS name, a.attname AS first
       FROM pg_index i
       JOIN pg_class idx ON idx.oid = i.indexrelid
       JOIN pg_class tbl ON tbl.oid = i.indrelid
       JOIN pg_namespace ns ON ns.oid = tbl.relnamespace AND ns.nspname = 'public'
       LEFT JOIN pg_attribute a ON a.attrelid = tbl.oid AND a.attnum = i.indkey[0]
      WHERE i.indisunique AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    )
  ).rows;
  const problems: string[] = [];
  for (const table of [...tenant].sort()) {
    const own = constraints.filter((c) => c.table === table);
    const pk = own.find((c) => c.type === 'p');
    if (!pk) problems.push(`${table}: no primary key`);
    else if (pk.cols[0] !== 'hromada_id') problems.push(`${table}: primary key (${pk.cols.join(', ')})`);
    for (const u of own.filter((c) => c.type === 'u' && c.cols[0] !== 'hromada_id')) {
      problems.push(`${table}: unique ${u.name} (${u.cols.join(', ')})`);
    }
    for (const u of uniqueIndexes.filter((i) => i.table === table && i.first !== 'hromada_id')) {
      problems.push(`${table}: unique index ${u.name}`);
    }
    for (const f of own.filter((c) => c.type === 'f' && c.refTable && tenant.has(c.refTable))) {
      const ok = f.cols.includes('hromada_id') && (f.refCols ?? []).includes('hromada_id');
      if (!ok) problems.push(`${table}: foreign key ${f.name} → ${f.refTable} without hromada_id`);
    }
  }
  // A table without hromada_id that points at a tenant table holds tenant data without its key.
  for (const f of constraints.filter(
    (c) => c.type === 'f' && !tenant.has(c.table) && c.refTable && tenant.has(c.refTable),
  )) {
    problems.push(`${f.table}: no hromada_id, yet foreign key ${f.name} → ${f.refTable}`);
  }
  return problems;
}

describe('tenant tables are keyed by hromada (decision 0011)', () => {
  it('adds no table or constraint to the list of those still to convert', async () => {
    const problems = await tenantKeyProblems();
    const known = new Set(KNOWN.map((k) => k.split(':')[0]));
    const fresh = problems.filter((p) => !known.has(p.split(':')[0]));
    expect(fresh, 'a new tenant table must lead its keys with hromada_id').toEqual([]);
  });

  it('keeps the list of tables to convert honest: a converted table leaves it', async () => {
    const problems = new Set((await tenantKeyProblems()).map((p) => p.split(':')[0]));
    expect(KNOWN.filter((k) => !problems.has(k))).toEqual([]);
  });
});
