import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { randomToken, sha256Hex } from '../../../platform/secrets.js';
import { insertToken } from '../api.queries.js';

export interface CreatedToken {
  id: string;
  name: string;
  secret: string;
  prefix: string;
  expiresAt: Date;
}

/**
 * Issues a token for the acting administrator in the current hromada, valid through
 * `expiresOn` (Kyiv time). Only the SHA-256 of the secret is stored; the secret itself is
 * returned once, to be shown once.
 */
export async function createApiToken(o: UseCase<{ name: string; expiresOn: string }>): Promise<CreatedToken> {
  return inTenant(o, 'apiTokens.manage', async ({ c, actor, hromadaId, audit }) => {
    const secret = `tb_${randomToken(32)}`;
    const prefix = secret.slice(0, 7);
    const row = await insertToken(c, {
      hromadaId,
      userId: actor.userId,
      name: o.name,
      hash: sha256Hex(secret),
      prefix,
      expiresOn: o.expiresOn,
    });
    await audit({
      action: 'apiTokens.create',
      operation: 'admin',
      entityType: 'api_token',
      entityId: row.id,
      fields: ['name', 'expires_at'],
    });
    return { id: row.id, name: o.name, secret, prefix, expiresAt: row.expires_at };
  });
}
