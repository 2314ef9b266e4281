import { z } from 'zod';
import { uuidSchema } from '../../platform/ids.js';

export const MAX_BODY = 4000;

/** The resident's file input (`multiple`): at most this many files to one message. */
export const ATTACHMENTS_FIELD = 'messageFiles';
export const MAX_ATTACHMENTS = 5;
/**
 * A posted text longer than this (in bytes, as sent) is refused as too long; the multipart parser
 * of the resident's form reads text fields up to twice as much, so it never cuts a text it accepts.
 */
export const MAX_TEXT_BYTES = 32 * 1024;
export const MULTIPART_FIELD_BYTES = 2 * MAX_TEXT_BYTES;

/** Control characters other than line breaks and tabs (PostgreSQL refuses NUL; the rest only hide text). */
const isControl = (code: number) => (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
const withoutControls = (s: string) =>
  Array.from(s)
    .filter((ch) => !isControl(ch.charCodeAt(0)))
    .join('');

/** The message form: the text (1…4000 characters, counted as the database counts them) and the form's key. */
export const messageForm = z.object({
  formKey: z.uuid(),
  messageBody: z
    .string()
    .default('')
    .transform((s) => withoutControls(s.replace(/\r\n?/g, '\n')).trim())
    .pipe(
      z
        .string()
        .min(1, 'messages.v.empty')
        .refine((s) => Array.from(s).length <= MAX_BODY, 'messages.v.tooLong'),
    ),
});
export type MessageForm = z.infer<typeof messageForm>;

export const unreadQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

/** The thread's flash after sending (`?sent=1`). */
export const sentQuery = z.object({ sent: z.string().optional().catch(undefined) });

/** A file sent with a message: the application and the document. */
export const fileParams = z.object({ id: uuidSchema, documentId: z.string() });
