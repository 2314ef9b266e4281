import { z } from 'zod';
import { field, single } from '../../platform/forms.js';
import { TARGET_FIELDS, type Mapping } from './import.fields.js';

/** `/persons/import/:id` (the id is checked with the import: a malformed one is not found). */
export const importParams = z.object({ id: z.string() });

/** The report's page of issues: 1 when missing or unreadable, at most 100 000. */
export const reportQuery = z.object({
  page: z.preprocess((v) => Math.max(1, Math.min(100000, Number.parseInt(single(v) || '1', 10) || 1)), z.number()),
});

/** A mapping select: '' = not mapped; a column number; anything else a column that does not exist. */
const column = z
  .preprocess((v) => single(v), z.string())
  .transform((v) => (v === '' ? undefined : /^\d{1,4}$/.test(v) ? Number(v) : -1));

const columns = Object.fromEntries(TARGET_FIELDS.map((f) => [`map_${f}`, column])) as Record<string, typeof column>;

/** The mapping page's form: a column per target field, a dry run or the import, and the confirmation of similar persons. */
export const startForm = z
  .object({
    ...columns,
    mode: field.text().pipe(z.enum(['dry', 'import'])),
    confirm: field.text().transform((v) => v === 'yes'),
  })
  .transform(({ mode, confirm, ...cols }) => {
    const mapping: Mapping = {};
    const byName: Record<string, number | undefined> = cols;
    for (const f of TARGET_FIELDS) {
      const col = byName[`map_${f}`];
      if (col !== undefined) mapping[f] = col;
    }
    return { dryRun: mode === 'dry', confirm, mapping };
  });
