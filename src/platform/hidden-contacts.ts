/**
 * The SQL of the one rule of protected contacts (decision 0023, migration 0056): a restricted case's subject has their
 * address and contacts hidden from every reader outside that case's team. A query asks the database once per row, in
 * a lateral subquery, and blanks each column with its answer.
 *
 * The `OFFSET 0` is what makes it once per row: without it the planner pulls the subquery up and copies the check into
 * every use of `<alias>.hidden` (five calls per person card before 2026-12-05; tests/integration/hidden-contacts-once).
 */
export const hiddenCheck = (check: string, alias = 'x') =>
  `CROSS JOIN LATERAL (SELECT ${check} AS hidden OFFSET 0) ${alias}`;

/** The check for the user of the current transaction (`app.user_id`), on the person `person` (an SQL expression). */
export const hiddenForMe = (person: string, alias = 'x') => hiddenCheck(`contacts_hidden_for_me(${person})`, alias);

/** A column blanked when the row's check (`<alias>.hidden`) says its contacts are hidden. */
export const unlessHidden = (column: string, alias = 'x') => `CASE WHEN ${alias}.hidden THEN NULL ELSE ${column} END`;
