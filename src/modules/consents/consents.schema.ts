import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'consents.v.date')
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'consents.v.date')
  .refine((v) => v <= new Date().toISOString().slice(0, 10), 'consents.v.dateFuture');

export const LEGAL_BASES = ['consent', 'law', 'contract', 'vital_interests', 'public_task'] as const;

/** A consent to the processing of personal data, as recorded from the signed form. */
export const consentForm = z.object({
  purpose: z.string().trim().min(1, 'consents.v.purpose').max(500, 'consents.v.tooLong'),
  legalBasis: z.enum(LEGAL_BASES, { message: 'consents.v.legalBasis' }),
  scope: z.string().trim().min(1, 'consents.v.scope').max(1000, 'consents.v.tooLong'),
  textVersion: z.string().trim().min(1, 'consents.v.textVersion').max(50, 'consents.v.tooLong'),
  givenOn: isoDate,
});
export type ConsentInput = z.output<typeof consentForm>;
