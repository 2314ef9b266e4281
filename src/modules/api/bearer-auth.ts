import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/actor.js';
import { sha256Hex } from '../../platform/secrets.js';
import { isLocale, translator } from '../../platform/i18n.js';
import { selectTokenActor, type ConfirmedRow, type TokenActorRow } from './api.queries.js';

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

/** The SHA-256 of the request's bearer token (the database never holds it in clear); a missing or malformed header gets 401. */
export function bearerHash(req: FastifyRequest, reply: FastifyReply): string {
  const token = bearerToken(req);
  if (token === null) refuse(reply, 'api.errors.missingToken');
  if (token === false) refuse(reply, 'api.errors.malformedToken', 'invalid_request');
  return sha256Hex(token);
}

export { authenticatingOpening, confirmingOpening, type TokenActorRow } from './api.queries.js';

/**
 * The request's actor from the token's row: unknown, revoked and expired tokens, tokens of
 * inactive users and of inactive hromadas all get the same 401. A user whose password is a
 * temporary one (set by an administrator, not yet changed) gets 403, as on the pages.
 */
export function acceptToken(req: FastifyRequest, reply: FastifyReply, row: TokenActorRow | undefined) {
  if (!row || !row.active || row.kind !== 'staff' || row.hromada_name === null) {
    refuse(reply, 'api.errors.invalidToken', 'invalid_token');
  }
  if (row.must_change_password) {
    setApiLocale(req, row.locale);
    throw new AppError('forbidden', { messageKey: 'api.errors.passwordChange' });
  }
  const actor = actorOf(row, row.hromada_id, row.grants, row.hromada_name, 'token', row.token_id);
  const token: ApiTokenInfo = { id: row.token_id, hromadaId: row.hromada_id };
  req.actor = actor;
  tokenByRequest.set(req, token);
  setApiLocale(req, row.locale);
  return { actor, token };
}

/** How long a token found valid lets bodies be read without asking the database again (the call itself always asks). */
const RECENTLY_VALID_MS = 10_000;
/** Token rows found valid, with when that stops counting; bounded (oldest forgotten first). */
const recentlyValid = new Map<string, { until: number; row: TokenActorRow }>();
const RECENTLY_VALID_MAX = 10_000;

/**
 * preParsing hook of the API routes that take a body: the token is checked before the body is read, so a request
 * without a valid token never gets its body read. A token found valid in the last few seconds is let through from
 * memory: this check only decides whether to read the body (and whom a refusal from a contended route's line names,
 * decision 0037, which grants nothing) — the call's transaction checks the token again in the statement that opens
 * it (`authenticatingOpening`, or `confirmingOpening` when it was found valid a moment ago), and a token revoked meanwhile is refused there. A
 * session cookie never authenticates an API call (the API is exempt from CSRF checks).
 */
export function authenticateBearer(services: Services) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    const hash = bearerHash(req, reply);
    const now = Date.now();
    const known = recentlyValid.get(hash);
    if (known !== undefined && known.until > now) {
      acceptToken(req, reply, known.row);
      return;
    }
    recentlyValid.delete(hash);
    const row = await selectTokenActor(services.db.pool, hash);
    acceptToken(req, reply, row);
    if (row) rememberValidToken(hash, row, now);
  };
}

/** Keeps a token's row found valid (by the check before the body, or by a call's own opening) for a few seconds. */
export function rememberValidToken(hash: string, row: TokenActorRow, now = Date.now()) {
  if (recentlyValid.size >= RECENTLY_VALID_MAX) recentlyValid.delete(recentlyValid.keys().next().value as string);
  recentlyValid.set(hash, { until: now + RECENTLY_VALID_MS, row });
}

/**
 * The token's row as found valid in the last few seconds, if it was. It grants nothing: a call may start with it, in
 * a transaction opened by `confirmingOpening`, and it answers or commits only if that opening confirms it (`confirmed`).
 */
export function recentTokenRow(hash: string): TokenActorRow | undefined {
  const known = recentlyValid.get(hash);
  return known !== undefined && known.until > Date.now() ? known.row : undefined;
}

/**
 * Whether a read's opening confirmed the remembered row (decision 0039): nothing about tokens, users, grants or
 * hromadas has changed since the row was read (the counter is the same), and the token has not expired.
 */
export const confirmed = (remembered: TokenActorRow, found: ConfirmedRow | undefined): boolean =>
  found !== undefined && found.live && found.epoch === remembered.epoch;
