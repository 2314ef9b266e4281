import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.js';
import { dateFromParts, single } from '../../platform/forms.js';
import { posted } from './applications.schema.js';

const V = 'applications.calendar.v.';
export const DAY_KINDS = ['holiday', 'working'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** Years the page edits: the last one (late corrections), this one and the next two (planned transfers). */
export function editableYears(today: string): number[] {
  const y = Number(today.slice(0, 4));
  return [y - 1, y, y + 1, y + 2];
}

/** The year in the page's address; unknown or out-of-range values show this year. */
export const yearQuery = (today: string) =>
  z.object({
    year: z.coerce
      .number()
      .int()
      .refine((y) => editableYears(today).includes(y))
      .catch(Number(today.slice(0, 4))),
  });

/** A day to add: the date (from the three boxes, as ISO text), what it is called and whether it is worked. */
export const dayForm = (today: string) => {
  const years = editableYears(today);
  const fields = (body: unknown) => {
    const b = posted(body);
    return { date: dateFromParts(b, 'date') ?? '', name: single(b.name).trim(), kind: single(b.kind).trim() };
  };
  return z.preprocess(
    fields,
    z.object({
      date: z
        .string({ error: `${V}dateRequired` })
        .min(1, { error: `${V}dateRequired` })
        .refine(isIsoDate, { error: `${V}dateInvalid`, abort: true })
        .refine((d) => years.includes(Number(d.slice(0, 4))), { error: `${V}dateOutOfRange` }),
      name: z
        .string()
        .trim()
        .min(1, { error: `${V}nameRequired` })
        .max(100, { error: `${V}nameTooLong` }),
      kind: z.enum(DAY_KINDS, { error: `${V}kindRequired` }),
    }),
  );
};
export type DayInput = z.output<ReturnType<typeof dayForm>>;

const text = <T extends z.ZodType>(schema: T) => z.preprocess((v) => single(v).trim(), schema);

export const removeForm = z.object({ date: text(z.string().refine(isIsoDate)) });
export const martialLawForm = z.object({
  martialLaw: text(z.enum(['on', 'off'], { error: `${V}martialLawRequired` })),
});
