/**
 * Every table that points at a person. A merge moves the merged record's rows of each table to the
 * survivor and remembers exactly which rows moved, so an unmerge can move them back.
 *
 * The registry's own tables are listed here. A module that adds a table with a person reference
 * contributes it to the `personLinks` extension point in its module file:
 *
 *   contribute: (hooks) => hooks.add('personLinks', { table: 'applications', column: 'person_id', key: ['id'] }),

 */
import type { HookRegistry } from '../../platform/modules.js';

export interface PersonLink {
  /** A tenant table (it has `hromada_id`). */
  table: string;
  /** The column that holds the person's id. */
  column: string;
  /** Columns that, with `column`, identify one row of the person in this table. */
  key: string[];
  /**
   * `(column, ...key)` is unique (e.g. a household membership): a row the survivor already has
   * is not moved; the merged record's row is removed and kept whole in the merge record.
   */
  unique?: boolean;
}

/** The registry's own tables (documents, categories, agencies, households, consents). */
const OWN: readonly PersonLink[] = [
  { table: 'person_documents', column: 'person_id', key: ['id'] },
  { table: 'person_categories', column: 'person_id', key: ['id'] },
  { table: 'person_agencies', column: 'person_id', key: ['agency_id'], unique: true },
  { table: 'households', column: 'head_person_id', key: ['id'] },
  { table: 'household_members', column: 'person_id', key: ['household_id'], unique: true },
  { table: 'consents', column: 'person_id', key: ['id'] },
];

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** Names are SQL identifiers (they are put into SQL text), checked here; a link needs a key. */
function checked(link: PersonLink): PersonLink {
  for (const name of [link.table, link.column, ...link.key]) {
    if (!IDENT.test(name)) throw new Error(`invalid identifier in person link: ${name}`);
  }
  if (link.key.length === 0) throw new Error('a person link needs a key');
  return { ...link, key: [...link.key] };
}

const sameLink = (a: PersonLink, b: PersonLink) => a.table === b.table && a.column === b.column;

/**
 * The links in the order a merge moves them (an unmerge goes backwards): the registry's own, those
 * contributed by the modules (in module order).
 */
export function personLinks(hooks: HookRegistry): readonly PersonLink[] {
  const out: PersonLink[] = [...OWN];
  for (const link of hooks.all('personLinks')) {
    const l = checked(link);
    if (!out.some((o) => sameLink(o, l))) out.push(l);
  }
  return out;
}

export const findLink = (links: readonly PersonLink[], table: string, column: string) =>
  links.find((l) => l.table === table && l.column === column);

/** `jsonb_build_object('k1', t.k1, …)` for a link's key (identifiers come from the checked list). */
export const keyObject = (link: PersonLink, alias: string) =>
  `jsonb_build_object(${link.key.map((k) => `'${k}', ${alias}.${k}`).join(', ')})`;
