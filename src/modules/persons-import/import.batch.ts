import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import type { Actor } from '../../platform/policy.js';
import { sealIdentifier, type SealedIdentifier } from '../persons/persons.identifiers.js';
import type { Mapping } from './import.fields.js';
import type { HouseholdPlan } from './import.households.js';
import type { ConvertedRow, RowIssue, SettlementIndex } from './import.rows.js';
import { registeredByHash, registryMatches, type BatchCounts } from './import.queries.js';
import { registerBatch, type Candidate } from './import.register.js';

type Valid = Extract<ConvertedRow, { ok: true }>;
/** A valid row with its identifiers sealed (done while the previous batch is in the database). */
export type ReadyRow = Valid & { rnokpp: SealedIdentifier | null; unzr: SealedIdentifier | null };
export type BatchRow = ReadyRow | Extract<ConvertedRow, { ok: false }>;

export function prepareRow(services: Pick<Services, 'keys' | 'box'>, row: ConvertedRow): BatchRow {
  if (!row.ok) return row;
  return {
    ...row,
    rnokpp: row.rnokppKey ? sealIdentifier(services, 'rnokpp', row.rnokppKey) : null,
    unzr: row.input.unzr ? sealIdentifier(services, 'unzr', row.input.unzr) : null,
  };
}

/** Valid rows seen so far in this file, for duplicates within the file. */
export class SeenRows {
  private byRnokpp = new Map<string, number>();
  private byUnzr = new Map<string, number>();
  private byName = new Map<string, { rowNo: number; hasRnokpp: boolean }>();

  /** The earlier row this one repeats (same РНОКПП or УНЗР, or same name and birth date where a РНОКПП is missing), or null. */
  check(row: Valid): number | null {
    const unzr = row.input.unzr?.replace(/[\s-]/g, '') ?? null;
    const earlier =
      (row.rnokppKey ? this.byRnokpp.get(row.rnokppKey) : undefined) ?? (unzr ? this.byUnzr.get(unzr) : undefined);
    if (earlier !== undefined) return earlier;
    const byName = this.byName.get(row.nameKey);
    if (byName && (!row.rnokppKey || !byName.hasRnokpp)) return byName.rowNo;
    if (row.rnokppKey) this.byRnokpp.set(row.rnokppKey, row.rowNo);
    if (unzr) this.byUnzr.set(unzr, row.rowNo);
    if (!byName) this.byName.set(row.nameKey, { rowNo: row.rowNo, hasRnokpp: row.rnokppKey !== null });
    return null;
  }
}

export interface BatchContext {
  actor: Actor;
  hromadaId: number;
  importId: string;
  mapping: Mapping;
  confirm: boolean;
  seen: SeenRows;
  settlements: SettlementIndex;
  households: HouseholdPlan | null;
}

/** Registry duplicates of these rows: by РНОКПП, by УНЗР, or (without РНОКПП) by name and birth date; and similar persons. */
export async function registryDuplicates(c: PoolClient, hromadaId: number, rows: ReadyRow[]) {
  const rnokpp = await registeredByHash(
    c,
    hromadaId,
    'rnokpp',
    rows.flatMap((r) => (r.rnokpp ? [r.rnokpp.hash] : [])),
  );
  const unzr = await registeredByHash(
    c,
    hromadaId,
    'unzr',
    rows.flatMap((r) => (r.unzr ? [r.unzr.hash] : [])),
  );
  const matches = await registryMatches(
    c,
    hromadaId,
    rows.map((r) => ({
      birthDate: r.input.birthDate ?? '',
      tokens: r.tokens,
      surname: r.surname, // a valid row has its birth date
    })),
  );
  return rows.map((r, i) => {
    const byRnokpp = r.rnokpp ? rnokpp.get(r.rnokpp.hash) : undefined;
    if (byRnokpp) return { id: byRnokpp, by: 'Rnokpp' as const, similar: 0 };
    const byUnzr = r.unzr ? unzr.get(r.unzr.hash) : undefined;
    if (byUnzr) return { id: byUnzr, by: 'Unzr' as const, similar: 0 };
    const sameName = matches[i].sameName;
    if (!r.rnokppKey && sameName) return { id: sameName, by: 'Name' as const, similar: 0 };
    return { id: null, by: null, similar: matches[i].similar };
  });
}

/**
 * Processes one batch in the caller's transaction: invalid rows and duplicates (within the file,
 * and against the registry by РНОКПП, УНЗР, or name + birth date) are reported, the rest registered.
 * Each row's person (created, or the registered one it duplicates) is noted for its household.
 */
export async function processBatch(
  c: PoolClient,
  ctx: BatchContext,
  rows: BatchRow[],
): Promise<{ counts: BatchCounts; issues: RowIssue[] }> {
  const counts: BatchCounts = { processed: rows.length, created: 0, duplicates: 0, invalid: 0, warnings: 0 };
  const issues: RowIssue[] = [];
  const col = (f: keyof Mapping) => ctx.mapping[f] ?? null;
  const duplicate = (
    rowNo: number,
    message: string,
    params?: Record<string, unknown>,
    column: number | null = null,
  ) => {
    counts.duplicates++;
    issues.push({ rowNo, column, kind: 'duplicate', message, params });
  };
  const fresh: ReadyRow[] = [];
  for (const row of rows) {
    if (!row.ok) {
      counts.invalid++;
      issues.push(...row.issues);
      continue;
    }
    const earlier = ctx.seen.check(row);
    if (earlier === null) {
      fresh.push(row);
      continue;
    }
    duplicate(row.rowNo, 'personsImport.issue.duplicateInFile', { row: earlier });
    ctx.households?.repeat(row.rowNo, earlier);
  }
  const found = await registryDuplicates(c, ctx.hromadaId, fresh);
  const candidates: Candidate[] = [];
  fresh.forEach((row, i) => {
    const f = found[i];
    if (f.id) {
      duplicate(
        row.rowNo,
        `personsImport.issue.duplicate${f.by}`,
        {},
        f.by === 'Name' ? null : col(f.by === 'Rnokpp' ? 'rnokpp' : 'unzr'),
      );
      ctx.households?.resolve(row.rowNo, f.id);
      return;
    }
    const code = row.input.settlementCode;
    candidates.push({
      rowNo: row.rowNo,
      input: row.input,
      tokens: row.tokens,
      latin: row.latin,
      surname: row.surname,
      rnokpp: row.rnokpp,
      unzr: row.unzr,
      districtId: code ? (ctx.settlements.district.get(code) ?? null) : null,
      similar: f.similar,
    });
  });
  const outcomes = await registerBatch(c, {
    actor: ctx.actor,
    hromadaId: ctx.hromadaId,
    importId: ctx.importId,
    confirm: ctx.confirm,
    rows: candidates,
  });
  for (const [rowNo, o] of outcomes) {
    if (o.kind === 'created') {
      counts.created++;
      ctx.households?.resolve(rowNo, o.id);
      continue;
    }
    counts.warnings++;
    issues.push(
      o.kind === 'mismatch'
        ? { rowNo, column: col('rnokpp'), kind: 'warning', message: 'personsImport.issue.rnokppMismatch' }
        : { rowNo, column: null, kind: 'warning', message: 'personsImport.issue.similar', params: { count: o.count } },
    );
  }
  issues.sort((a, b) => a.rowNo - b.rowNo);
  return { counts, issues };
}
