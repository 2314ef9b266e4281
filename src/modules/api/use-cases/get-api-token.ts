import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { TokenRow } from '../api.queries.js';
import { requireToken } from '../api.policy.js';

/** One token of the current hromada (for the revoke confirmation). */
export async function getApiToken(o: UseCase<{ tokenId: string }>): Promise<TokenRow> {
  return inTenant(o, 'apiTokens.manage', ({ c }) => requireToken(c, o.tokenId));
}
