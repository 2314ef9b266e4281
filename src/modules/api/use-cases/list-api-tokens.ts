import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { selectTokens, type TokenListRow } from '../api.queries.js';

/** The current hromada's tokens (RLS keeps other hromadas' tokens out). */
export async function listApiTokens(o: UseCase): Promise<TokenListRow[]> {
  return inTenant(o, 'apiTokens.manage', ({ c }) => selectTokens(c));
}
