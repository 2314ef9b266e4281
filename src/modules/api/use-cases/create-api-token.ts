import type { Db } from '../../../platform/db.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import { randomToken, sha256Hex } from '../../../platform/secrets.js';
import { insertToken } from '../api.queries.js';

export interface CreatedToken { id: string; name: string; secret: string; prefix: string; expiresAt: Date }

/**
 * Issues a token for the acting administrator in the current hromada, valid through
 * `expiresOn` (Kyiv time). Only the SHA-256 of the secret is stored; the secret itself is
 * returned once, to be shown once.
 */
export async function createApiToken(opts: {
  db: Db; actor: Actor | null; name: string; expiresOn: string; ip: string; requestId: string;
}): Promise<CreatedToken> {
  const { db, actor } = opts;
  authorize(actor, 'apiTokens.manage');
  const hromadaId = actor.hromadaId as number;
  const secret = `tb_${randomToken(32)}`;
  const prefix = secret.slice(0, 7);
  return db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const row = await insertToken(c, {
      hromadaId, userId: actor.userId, name: opts.name, hash: sha256Hex(secret), prefix, expiresOn: opts.expiresOn,
    });
    await writeAudit(c, {
      hromadaId, actorId: actor.userId, actorLabel: actor.displayName, action: 'apiTokens.create', operation: 'admin',
      entityType: 'api_token', entityId: row.id, fields: ['name', 'expires_at'], ip: opts.ip, requestId: opts.requestId,
    });
    return { id: row.id, name: opts.name, secret, prefix, expiresAt: row.expires_at };
  });
}
