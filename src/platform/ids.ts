import { z } from 'zod';

/** A record id: a UUID in its text form (any case). The one check for ids from URLs, forms and files. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** The zod schema of an id; use it in route `params` schemas (a malformed id is simply not found). */
export const uuidSchema = z.string().regex(UUID);

/** `{ id }` route parameters. */
export const idParams = z.object({ id: uuidSchema });
