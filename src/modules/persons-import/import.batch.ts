import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import type { Actor } from '../../platform/policy.js';
import { sealIdentifier } from '../persons/persons.identifiers.js';
import type { Mapping } from './import.fields.js';
import type { ConvertedRow, RowIssue, SettlementIndex } from './import.rows.js';
import { existingRnokppHashes, existingUnzrHashes, type BatchCounts } from './import.queries.js';
import { registerBatch, registeredOnDates, type Candidate } from './import.register.js';

type Valid = Extract<ConvertedRow, { ok: true }>;

/** Valid rows seen so far in this file, for duplicates within the file. */
export class SeenRows {
  private byRnokpp = new Map<string, number>();
  private byUnzr = new Map<string, number>();
  private byName = new Map<string, { rowNo: number; hasRnokpp: boolean }>();

  /** The earlier row this one repeats (same РНОКПП or УНЗР, or same name and birth date where a РНОКПП is missing), or null. */
  check(row: Valid): number | null {
    const unzr = row.input.unzr?.replace(/[\s-]/g, '') ?? null;
    const earlier = (row.rnokppKey ? this.byRnokpp.get(row.rnokppKey) : undefined) ?? (unzr ? this.byUnzr.get(unzr) : undefined);
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
  services: Services; actor: Actor; hromadaId: number; importId: string; mapping: Mapping; confirm: boolean; seen: SeenRows;
  settlements: SettlementIndex;
}

/**
 * Processes one batch in the caller's transaction: invalid rows and duplicates (within the file,
 * and against the registry by РНОКПП, УНЗР, or name + birth date) are reported, the rest registered.
 */
export async function processBatch(c: PoolClient, ctx: BatchContext, rows: ConvertedRow[])
  : Promise<{ counts: BatchCounts; issues: RowIssue[] }> {
  const counts: BatchCounts = { processed: rows.length, created: 0, duplicates: 0, invalid: 0, warnings: 0 };
  const issues: RowIssue[] = [];
  const col = (f: keyof Mapping) => ctx.mapping[f] ?? null;
  const duplicate = (rowNo: number, message: string, params?: Record<string, unknown>, column: number | null = null) => {
    counts.duplicates++;
    issues.push({ rowNo, column, kind: 'duplicate', message, params });
  };
  const fresh: Valid[] = [];
  for (const row of rows) {
    if (!row.ok) { counts.invalid++; issues.push(...row.issues); continue; }
    const earlier = ctx.seen.check(row);
    if (earlier !== null) duplicate(row.rowNo, 'personsImport.issue.duplicateInFile', { row: earlier });
    else fresh.push(row);
  }
  const sealed = new Map(fresh.map((r) => [r.rowNo, {
    rnokpp: r.rnokppKey ? sealIdentifier(ctx.services, 'rnokpp', r.rnokppKey) : null,
    unzr: r.input.unzr ? sealIdentifier(ctx.services, 'unzr', r.input.unzr) : null,
  }]));
  const all = [...sealed.values()];
  const takenRnokpp = await existingRnokppHashes(c, ctx.hromadaId, all.flatMap((s) => (s.rnokpp ? [s.rnokpp.hash] : [])));
  const takenUnzr = await existingUnzrHashes(c, ctx.hromadaId, all.flatMap((s) => (s.unzr ? [s.unzr.hash] : [])));
  const byDate = await registeredOnDates(c, ctx.hromadaId, fresh.map((r) => r.input.birthDate!));
  const candidates: Candidate[] = [];
  for (const row of fresh) {
    const s = sealed.get(row.rowNo)!;
    if (s.rnokpp && takenRnokpp.has(s.rnokpp.hash)) { duplicate(row.rowNo, 'personsImport.issue.duplicateRnokpp', {}, col('rnokpp')); continue; }
    if (s.unzr && takenUnzr.has(s.unzr.hash)) { duplicate(row.rowNo, 'personsImport.issue.duplicateUnzr', {}, col('unzr')); continue; }
    const [tokens, date] = row.nameKey.split('|');
    if (!row.rnokppKey && (byDate.get(date) ?? []).some((t) => t.join(' ') === tokens)) {
      duplicate(row.rowNo, 'personsImport.issue.duplicateName');
      continue;
    }
    const code = row.input.settlementCode;
    candidates.push({ rowNo: row.rowNo, input: row.input, rnokpp: s.rnokpp, unzr: s.unzr, districtId: code ? ctx.settlements.district.get(code) ?? null : null });
  }
  const outcomes = await registerBatch(c, {
    services: ctx.services, actor: ctx.actor, hromadaId: ctx.hromadaId, importId: ctx.importId, confirm: ctx.confirm, byDate, rows: candidates,
  });
  for (const [rowNo, o] of outcomes) {
    if (o.kind === 'created') { counts.created++; continue; }
    counts.warnings++;
    issues.push(o.kind === 'mismatch'
      ? { rowNo, column: col('rnokpp'), kind: 'warning', message: 'personsImport.issue.rnokppMismatch' }
      : { rowNo, column: null, kind: 'warning', message: 'personsImport.issue.similar', params: { count: o.count } });
  }
  issues.sort((a, b) => a.rowNo - b.rowNo);
  return { counts, issues };
}
