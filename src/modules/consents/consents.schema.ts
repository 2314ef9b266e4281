import { z } from 'zod';
import { isIsoDate, todayIso } from '../../platform/dates.js';
import { field } from '../../platform/forms.js';

const isoDate = z
  .string()
  .refine(isIsoDate, 'consents.v.date')
  .refine((v) => v <= todayIso(), 'consents.v.dateFuture');

export const LEGAL_BASES = ['consent', 'law', 'contract', 'vital_interests', 'public_task'] as const;

/** A consent to the processing of personal data, as recorded from the signed form (`givenOn` from its date boxes). */
export const consentForm = z.object({
  purpose: field.text().pipe(z.string().min(1, 'consents.v.purpose').max(500, 'consents.v.tooLong')),
  legalBasis: field.text().pipe(z.enum(LEGAL_BASES, { error: 'consents.v.legalBasis' })),
  scope: field.text().pipe(z.string().min(1, 'consents.v.scope').max(1000, 'consents.v.tooLong')),
  textVersion: field.text().pipe(z.string().min(1, 'consents.v.textVersion').max(50, 'consents.v.tooLong')),
  givenOn: isoDate,
});
export type ConsentInput = z.output<typeof consentForm>;
