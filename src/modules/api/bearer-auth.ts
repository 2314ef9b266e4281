import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { actorOf, type GrantsInHromada } from '../../platform/actor.js';
import { sha256Hex } from '../../platform/secrets.js';
import { prepared } from '../../platform/db.js';
import { isLocale, translator } from '../../platform/i18n.js';

export interface ApiTokenInfo {
  id: string;
  hromadaId: number;
}

/** The token a request was authenticated with (kept off the request object's public shape). */
const tokenByRequest = new WeakMap<FastifyRequest, ApiTokenInfo>();
export const apiTokenOf = (req: FastifyRequest): ApiTokenInfo | undefined => tokenByRequest.get(req);

/** RFC 6750 token68 after the (case-insensitive) scheme; anything else is malformed. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]{16,256}=*) *$/i;

/** The bearer token of the request, `null` when absent, `false` when the header is malformed. */
export function bearerToken(req: FastifyRequest): string | null | false {
  const header = req.headers.authorization;
  if (header === undefined || header === '') return null;
  const m = BEARER.exec(header);
  return m ? m[1] : false;
}

/** Rate-limit key: the token's hash (never the token), or the address when there is no usable token. */
export function apiRateLimitKey(req: FastifyRequest): string {
  const token = bearerToken(req);
  return token ? `api-token:${sha256Hex(token)}` : `api-ip:${req.ip}`;
}

/** API messages: English when the client asks for it first, Ukrainian otherwise (cookies do not apply). */
export function setApiLocale(req: FastifyRequest, preferred?: string | null) {
  const first = (req.headers['accept-language'] ?? '').split(',')[0].trim().toLowerCase().slice(0, 2);
  const locale = isLocale(first) ? first : isLocale(preferred) ? preferred : 'uk';
  req.locale = locale;
  req.t = translator(locale);
}

function refuse(reply: FastifyReply, messageKey: string, error?: 'invalid_request' | 'invalid_token'): never {
  reply.header('www-authenticate', error ? `Bearer realm="turbota", error="${error}"` : 'Bearer realm="turbota"');
  throw new AppError('unauthenticated', { messageKey });
}

interface TokenRow extends GrantsInHromada { token_id: string; hromada_id: number }
interface UserRow {
  id: string; kind: 'staff' | 'resident'; display_name: string; is_superadmin: boolean; active: boolean; locale: string;
}

/**
 * One round trip, one function (migration 0033): the token (its last use recorded at most once a
 * minute), its user, the user's grants in the token's hromada and that hromada's name if it is active.
 */
const TOKEN_SQL = 'SELECT * FROM api_token_actor($1)';

/**
 * onRequest hook of every protected API route: the bearer token is looked up by its
 * SHA-256 (the database never holds it in clear); unknown, revoked and expired tokens,
 * tokens of inactive users and of inactive hromadas get the same 401. A session cookie
 * never authenticates an API call (the API is exempt from CSRF checks).
 */
export function authenticateBearer(services: Services) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    (globalThis as any).__mark?.(req, 'auth0');
    const token = bearerToken(req);
    if (token === null) refuse(reply, 'api.errors.missingToken');
    if (token === false) refuse(reply, 'api.errors.malformedToken', 'invalid_request');
    const { rows } = await services.db.pool.query<TokenRow & UserRow>(prepared(TOKEN_SQL, [sha256Hex(token)]));
    (globalThis as any).__mark?.(req, 'auth1');
    const row = rows[0];
    if (!row || !row.active || row.kind !== 'staff' || row.hromada_name === null) {
      refuse(reply, 'api.errors.invalidToken', 'invalid_token');
    }
    const actor = actorOf(row, row.hromada_id, row.grants, row.hromada_name, 'token', row.token_id);
    req.actor = actor;
    tokenByRequest.set(req, { id: row.token_id, hromadaId: row.hromada_id });
    setApiLocale(req, row.locale);
  };
}
