import { z } from 'zod';

const code = z.string().regex(/^UA[0-9]{17}$/);
export const passportParams = z.object({ code });
export const passportFileParams = z.object({ code, format: z.enum(['pdf', 'xlsx']) });
export const datasetParams = z.object({
  code,
  dataset: z.string().regex(/^[a-z-]{3,40}$/),
  format: z.enum(['csv', 'json']),
});
