import { z } from 'zod';
import { field } from '../../platform/forms.js';

/** The public status form: the receipt's registration number and check code (a longer text is no number or code). */
export const statusForm = z.object({
  number: field.text().pipe(z.string().max(40)),
  code: field.text().pipe(z.string().max(40)),
});
