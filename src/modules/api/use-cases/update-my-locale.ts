import type { PoolClient } from 'pg';
import { AppError } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n.js';
import type { UseCase } from '../../../platform/use-case.js';
import { updateUserLocale } from '../api.queries.js';

/** Sets the language the API answers the token's user in when a request names none (in the API call's transaction). */
export async function updateMyLocale(o: UseCase<{ locale: Locale; tx: PoolClient }>): Promise<void> {
  if (!o.actor) throw new AppError('unauthenticated');
  await updateUserLocale(o.tx, o.actor.userId, o.locale);
}
