/**
 * Every table that points at a person, in one place. A merge moves the merged record's rows
 * of each table to the survivor and remembers exactly which rows moved, so an unmerge can move
 * them back. A module that adds a table with a person reference (applications, cases,
 * services…) adds one line here or calls `registerPersonLink` from its own code.
 */
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

const LINKS: PersonLink[] = [
  { table: 'person_documents', column: 'person_id', key: ['id'] },
  { table: 'person_categories', column: 'person_id', key: ['id'] },
  { table: 'person_agencies', column: 'person_id', key: ['agency_id'], unique: true },
  { table: 'households', column: 'head_person_id', key: ['id'] },
  { table: 'household_members', column: 'person_id', key: ['household_id'], unique: true },
  { table: 'consents', column: 'person_id', key: ['id'] },
];

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** Adds a table with a person reference (idempotent). Names are SQL identifiers, checked here. */
export function registerPersonLink(link: PersonLink) {
  for (const name of [link.table, link.column, ...link.key]) {
    if (!IDENT.test(name)) throw new Error(`invalid identifier in person link: ${name}`);
  }
  if (link.key.length === 0) throw new Error('a person link needs a key');
  if (!LINKS.some((l) => l.table === link.table && l.column === link.column)) LINKS.push({ ...link, key: [...link.key] });
}

/** The registered links, in the order a merge moves them (an unmerge goes backwards). */
export function personLinks(): readonly PersonLink[] {
  return LINKS;
}

export const findLink = (table: string, column: string) => LINKS.find((l) => l.table === table && l.column === column);

/** `jsonb_build_object('k1', t.k1, …)` for a link's key (identifiers come from the checked registry). */
export const keyObject = (link: PersonLink, alias: string) =>
  `jsonb_build_object(${link.key.map((k) => `'${k}', ${alias}.${k}`).join(', ')})`;
