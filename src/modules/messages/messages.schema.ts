import { z } from 'zod';

export const MAX_BODY = 4000;

/** Control characters other than line breaks and tabs (PostgreSQL refuses NUL; the rest only hide text). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The message form: the text (1…4000 characters, counted as the database counts them) and the form's key. */
export const messageForm = z.object({
  formKey: z.uuid(),
  messageBody: z.string().default('')
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim())
    .pipe(z.string().min(1, 'messages.v.empty').refine((s) => [...s].length <= MAX_BODY, 'messages.v.tooLong')),
});
export type MessageForm = z.infer<typeof messageForm>;

export const unreadQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
