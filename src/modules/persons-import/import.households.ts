import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import { authorize, type Actor } from '../../platform/policy.js';
import type { Relation } from '../households/households.queries.js';
import type { Mapping } from './import.fields.js';
import type { RowIssue } from './import.rows.js';
import { text, type Cell } from './import.values.js';
import {
  auditImportBatch,
  currentHouseholdsOf,
  insertHouseholdMembers,
  insertHouseholds,
  personDistricts,
} from './import.queries.js';

/** A household's cells of one row: its key in the file and the relation to the head (or why it is missing). */
export interface HouseholdCell {
  key: string | null;
  relation: Relation | null;
  problem: 'missing' | 'unknown' | null;
}

/** Largest household the import creates (as the household form: a head and 30 members). */
export const MAX_HOUSEHOLD = 31;

const RELATION_WORDS: Record<Relation, string[]> = {
  head: ['голова', 'головадомогосподарства', 'головасімї', 'head'],
  spouse: ['чоловік/дружина', 'чоловік', 'дружина', 'подружжя', 'spouse', 'husband', 'wife'],
  child: ['дитина', 'син', 'донька', 'дочка', 'син/донька', 'син/дочка', 'child', 'son', 'daughter'],
  parent: ['батько/мати', 'батько', 'мати', 'parent', 'father', 'mother'],
  guardian: ['опікун/піклувальник', 'опікун', 'опікунка', 'піклувальник', 'піклувальниця', 'guardian'],
  ward: ['підопічний', 'підопічна', 'ward'],
  sibling: ['брат/сестра', 'брат', 'сестра', 'sibling', 'brother', 'sister'],
  grandparent: ['дідусь/бабуся', 'дідусь', 'бабуся', 'дід', 'баба', 'grandparent', 'grandfather', 'grandmother'],
  grandchild: ['онук/онука', 'онук', 'онука', 'онучка', 'grandchild', 'grandson', 'granddaughter'],
  other: ['інше', 'інший', 'інша', 'other'],
};

/** «Чоловік / дружина», «підопічний(-а)», «Дочка.» → чоловік/дружина, підопічний, дочка. */
const relationKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[ʼ’'`]/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\\/g, '/')
    .replace(/[\s.]+/g, '');
const RELATION_OF = new Map(
  Object.entries(RELATION_WORDS).flatMap(([code, words]) => words.map((w) => [relationKey(w), code as Relation])),
);

export function toRelation(v: string): Relation | null {
  return RELATION_OF.get(relationKey(v)) ?? null;
}

/** The household cells of a row; null when it has neither a key nor a relation. */
export function householdCell(keyCell: Cell, relationCell: Cell): HouseholdCell | null {
  const key = text(keyCell)?.replace(/\s+/g, ' ') ?? null;
  const rel = text(relationCell);
  if (key === null && rel === undefined) return null;
  const relation = rel === undefined ? null : toRelation(rel);
  return { key, relation, problem: rel === undefined ? 'missing' : relation === null ? 'unknown' : null };
}

interface Member {
  rowNo: number;
  relation: Relation | null;
  problem: HouseholdCell['problem'];
  settlement: string | null;
}

export interface HouseholdCounts {
  created: number;
  existing: number;
  rejected: number;
}

/** A household that passed the file's checks: its persons, the head first. */
interface ReadyHousehold {
  firstRow: number;
  members: { rowNo: number; personId: string; relation: Relation }[];
}

/**
 * The households of one file, collected while its rows are processed: rows with the same key form
 * a household. Each row's person is known once its batch is done — created now, or found in the
 * registry as a duplicate (so a re-run links the persons it skipped) — and the households are
 * checked and created at the end, all in one transaction.
 */
export class HouseholdPlan {
  private groups = new Map<string, Member[]>();
  private personOf = new Map<number, string>();
  private sameAs = new Map<number, number>();
  readonly loose: RowIssue[] = [];

  constructor(private mapping: Mapping) {}

  /** A row of the file (valid or not) that names a household or a relation. */
  add(rowNo: number, cell: HouseholdCell, settlement: string | null) {
    if (cell.key === null) {
      this.loose.push({
        rowNo,
        column: this.mapping.householdKey ?? null,
        kind: 'household',
        message: 'personsImport.household.noKey',
      });
      return;
    }
    const list = this.groups.get(cell.key) ?? [];
    list.push({ rowNo, relation: cell.relation, problem: cell.problem, settlement });
    this.groups.set(cell.key, list);
  }

  /** The row's person: created by this import or already in the registry. */
  resolve(rowNo: number, personId: string) {
    this.personOf.set(rowNo, personId);
  }

  /** The row repeats an earlier row of the file: the same person. */
  repeat(rowNo: number, earlierRowNo: number) {
    this.sameAs.set(rowNo, earlierRowNo);
  }

  /** True when no row named a household or a relation. */
  get empty() {
    return this.groups.size === 0 && this.loose.length === 0;
  }

  private person(rowNo: number): string | null {
    const same = this.sameAs.get(rowNo);
    return this.personOf.get(rowNo) ?? (same !== undefined ? this.person(same) : null);
  }

  /** The households that pass the checks (head first), and the problems of the others. */
  check(): { ready: ReadyHousehold[]; issues: RowIssue[]; rejected: number } {
    const col = (f: keyof Mapping) => this.mapping[f] ?? null;
    const issues: RowIssue[] = [...this.loose];
    const ready: ReadyHousehold[] = [];
    let rejected = 0;
    for (const members of this.groups.values()) {
      const problems: RowIssue[] = [];
      const problem = (rowNo: number, column: number | null, message: string, params?: Record<string, unknown>) =>
        problems.push({ rowNo, column, kind: 'household', message: `personsImport.household.${message}`, params });
      const first = members[0].rowNo;
      if (members.length > MAX_HOUSEHOLD) problem(first, col('householdKey'), 'tooMany', { max: MAX_HOUSEHOLD });
      for (const m of members) {
        if (m.problem)
          problem(m.rowNo, col('relation'), m.problem === 'missing' ? 'relationMissing' : 'relationUnknown');
      }
      const heads = members.filter((m) => m.relation === 'head');
      if (heads.length === 0 && members.every((m) => !m.problem)) {
        const rows =
          members
            .slice(0, 10)
            .map((m) => m.rowNo)
            .join(', ') + (members.length > 10 ? ', …' : '');
        problem(first, col('householdKey'), 'noHead', { rows });
      }
      for (const h of heads.slice(1)) problem(h.rowNo, col('relation'), 'twoHeads', { row: heads[0].rowNo });
      const place = (heads[0] ?? members.find((m) => m.settlement))?.settlement ?? null;
      const placeRow = (heads[0] ?? members.find((m) => m.settlement))?.rowNo;
      const seen = new Map<string, number>();
      for (const m of members) {
        if (place && m.settlement && m.settlement !== place)
          problem(m.rowNo, col('settlement'), 'otherSettlement', { row: placeRow });
        const id = this.person(m.rowNo);
        if (!id) {
          problem(m.rowNo, col('householdKey'), 'memberNotImported');
          continue;
        }
        if (seen.has(id)) problem(m.rowNo, col('householdKey'), 'samePerson', { row: seen.get(id) });
        else seen.set(id, m.rowNo);
      }
      if (problems.length) {
        rejected++;
        issues.push(...problems);
        continue;
      }
      const ordered = [heads[0], ...members.filter((m) => m !== heads[0])];
      // Every member was found imported and has a relation (checked above).
      ready.push({
        firstRow: first,
        members: ordered.map((m) => ({
          rowNo: m.rowNo,
          personId: this.person(m.rowNo) ?? '',
          relation: m.relation ?? 'other',
        })),
      });
    }
    return { ready, issues, rejected };
  }
}

/**
 * Checks the collected households against the registry and creates the new ones, in the caller's
 * transaction (all or none): a household whose present members are exactly these persons already
 * exists (skipped — so a re-run creates nothing twice); a person already in another household
 * (in the registry, or an earlier one of this file) stops the household (to be sorted out by
 * hand). Each created household is audited like one created on its page. A dry run only counts.
 */
export async function createHouseholds(
  c: PoolClient,
  o: {
    actor: Actor;
    hromadaId: number;
    importId: string;
    plan: HouseholdPlan;
    dryRun: boolean;
  },
): Promise<{ counts: HouseholdCounts; issues: RowIssue[] }> {
  const { ready, issues, rejected } = o.plan.check();
  const counts: HouseholdCounts = { created: 0, existing: 0, rejected };
  if (ready.length === 0) return { counts, issues };
  const ids = [...new Set(ready.flatMap((h) => h.members.map((m) => m.personId)))];
  const current = await currentHouseholdsOf(c, o.hromadaId, ids);
  const householdsOf = new Map<string, string[]>();
  for (const r of current)
    householdsOf.set(r.person_id, [...(householdsOf.get(r.person_id) ?? []), [...r.members].sort().join(',')]);
  const heads = await personDistricts(
    c,
    o.hromadaId,
    ready.map((h) => h.members[0].personId),
  );
  const districtOf = new Map(heads.map((h) => [h.id, h.district_id]));
  const create: { id: string; members: ReadyHousehold['members'] }[] = [];
  const placed = new Set<string>(); // persons of the households created by this run
  for (const h of ready) {
    const set = h.members
      .map((m) => m.personId)
      .sort()
      .join(',');
    if (h.members.some((m) => householdsOf.get(m.personId)?.includes(set))) {
      counts.existing++;
      issues.push({ rowNo: h.firstRow, column: null, kind: 'household', message: 'personsImport.household.exists' });
      continue;
    }
    const taken = h.members.filter((m) => householdsOf.has(m.personId) || placed.has(m.personId));
    if (taken.length) {
      counts.rejected++;
      for (const m of taken)
        issues.push({ rowNo: m.rowNo, column: null, kind: 'household', message: 'personsImport.household.inOther' });
      continue;
    }
    authorize(o.actor, 'registry.write', {
      hromadaId: o.hromadaId,
      districtId: districtOf.get(h.members[0].personId) ?? null,
    });
    create.push({ id: crypto.randomUUID(), members: h.members });
    for (const m of h.members) placed.add(m.personId);
  }
  counts.created = create.length;
  if (create.length === 0 || o.dryRun) return { counts, issues };
  await insertHouseholds(
    c,
    o.hromadaId,
    o.actor.userId,
    create.map((h) => ({ id: h.id, head: h.members[0].personId })),
  );
  const all = create.flatMap((h) => h.members.map((m) => ({ household: h.id, ...m })));
  await insertHouseholdMembers(c, o.hromadaId, all);
  await auditImportBatch(c, {
    hromadaId: o.hromadaId,
    actor: o.actor,
    action: 'household.create',
    entityType: 'household',
    importId: o.importId,
    entries: create.map((h) => ({
      entityId: h.id,
      fields: 'head,address,members',
      reason: `members:${String(h.members.length)}`,
    })),
  });
  return { counts, issues };
}
