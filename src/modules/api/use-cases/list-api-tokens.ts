import type { Db } from '../../../platform/db.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { selectToken, selectTokens, type TokenListRow, type TokenRow } from '../api.queries.js';
import { AppError } from '../../../platform/errors.js';

/** The current hromada's tokens (RLS keeps other hromadas' tokens out). */
export async function listApiTokens({ db, actor }: { db: Db; actor: Actor | null }): Promise<TokenListRow[]> {
  authorize(actor, 'apiTokens.manage');
  return db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => selectTokens(c));
}

export async function getApiToken({ db, actor, tokenId }: { db: Db; actor: Actor | null; tokenId: string }): Promise<TokenRow> {
  authorize(actor, 'apiTokens.manage');
  const row = await db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => selectToken(c, tokenId));
  if (!row) throw new AppError('not_found');
  return row;
}
