import type { Queryable } from '../../../platform/db.js';
import type { Locale } from '../../../platform/i18n.js';
import type { Actor } from '../../../platform/policy.js';

/** Sets the language the API answers the token's user in when a request names none. */
export async function updateMyLocale({ client, actor, locale }: { client: Queryable; actor: Actor; locale: Locale }) {
  await client.query('UPDATE users SET locale = $1, updated_at = now() WHERE id = $2', [locale, actor.userId]);
}
