import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PoolClient } from 'pg';
import type { z } from 'zod';
import type { Services } from '../../services.js';
import { canHromadaWide, type Action, type Actor } from '../../platform/policy.js';
import {
  auditWriter,
  requestMeta,
  writeAuditAtCommit,
  writeAuditGrouped,
  type AuditEntry,
  type AuditWriter,
} from '../../platform/audit.js';
import type { UseCase } from '../../platform/use-case.js';
import {
  addPhase,
  newTimings,
  reportTimings,
  timingsOn,
  withTimings,
  type RequestTimings,
} from '../../platform/timings.js';
import { AppError, isAppError, ValidationError } from '../../platform/errors.js';
import { takeTurn, type Gone, type Turn } from '../../platform/turns.js';
import { ApiValidationError, parseInput, recordApiRoute, type ApiRouteDoc } from '../../platform/api-registry.js';
import {
  acceptToken,
  apiRateLimitKey,
  authenticateBearer,
  authenticatingOpening,
  bearerHash,
  apiTokenOf,
  confirmed,
  confirmingOpening,
  setApiLocale,
  recentTokenRow,
  rememberValidToken,
  type ApiTokenInfo,
  type TokenActorRow,
} from './bearer-auth.js';
import type { ConfirmedRow } from './api.queries.js';

/** The token's row a read started with was not confirmed by its transaction's opening (the read rolled back). */
class TokenChanged extends Error {
  constructor() {
    super('the token, its user, grants or hromada changed since it was found valid');
  }
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Schema = z.ZodType | undefined;

/** What to name in the audit entry of the call (the handler fills it in). */
export interface AuditTarget {
  entityType?: string;
  entityId?: string;
  fields?: string[];
  /** A more precise action than the route's (e.g. the kind of search), and what came of it. */
  action?: string;
  reason?: string;
}

export interface ApiContext<P extends Schema, Q extends Schema, B extends Schema, H extends HeaderSchema = undefined> {
  req: FastifyRequest;
  actor: Actor;
  token: ApiTokenInfo;
  /** The call's transaction in the token's hromada (RLS applies); the audit entry is written in it. */
  client: PoolClient;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** The declared request headers, validated (keys as declared, e.g. `Idempotency-Key`). */
  headers: Out<H>;
  /** Names what the call touched in its own audit entry (written with the commit). */
  describe: (target: AuditTarget) => void;
  /**
   * The options every use-case called by this API call takes: its transaction, the actor, the request
   * meta and an audit writer whose entries go with the commit, labelled with the token.
   * `{ ...ctx.useCase, audit: ctx.asCallEntry }` makes the use-case's one entry the call's own entry.
   */
  useCase: UseCase;
  /** An audit writer that refines the call's own entry instead of writing another one. */
  asCallEntry: AuditWriter;
  /**
   * A contended route's call that took the last of what it contends for says so (the message those waiting get
   * with their 409); see `contended`.
   */
  gone: (messageKey: string) => void;
}

type DocFields = Omit<ApiRouteDoc, 'url' | 'public' | 'params' | 'query' | 'headers' | 'body' | 'response'>;
type HeaderSchema = z.ZodObject | undefined;

export interface ApiRouteSpec<
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  R extends z.ZodType,
  H extends HeaderSchema = undefined,
> extends DocFields {
  /** Path relative to the plugin's prefix (the plugin must be registered under API_PREFIX). */
  path: string;
  /** Audit action, e.g. `api.me`. */
  action: string;
  operation: 'read' | 'write';
  params?: P;
  query?: Q;
  /** Request headers: an object schema keyed by header name; documented as header parameters. */
  headers?: H;
  body?: B;
  /** The answer is parsed with it: unknown fields are dropped, so nothing undocumented leaks. */
  response: R;
  bodyLimit?: number;
  /**
   * Calls that contend for one thing, such as a visit's time (decision 0037): `key` names it from the valid body
   * (null: nothing contended). Calls with the same key take turns in this process. When one learns that the thing is
   * gone (it answers 409, or calls `gone` after taking the last of it), the calls that were already waiting are
   * refused with the same 409 without a transaction of their own — if their token (looked up together with the
   * others') is of the same hromada and its user may do `action` hromada-wide — and their refusals are audited in
   * one group commit before the answers go.
   */
  contended?: { key: (body: Out<B>) => string | null; action: Action };
  handler: (ctx: ApiContext<P, Q, B, H>) => Promise<z.input<R>>;
}

/** Requests per minute per token (API_RATE_PER_MINUTE, default 300). */
const apiRateLimit = (services: Services) => ({
  max: services.config.API_RATE_PER_MINUTE,
  timeWindow: '1 minute',
  keyGenerator: apiRateLimitKey,
});
const DEFAULT_BODY_LIMIT = 256 * 1024;

function sendError(req: FastifyRequest, reply: FastifyReply, status: number, code: string, messageKey: string) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message: req.t(messageKey) }, requestId: req.id });
}

/**
 * Errors of API routes that the application's handler does not shape: field errors (400
 * with `errors`), malformed JSON and unsupported media types. Everything else is rethrown
 * to the application's handler, which answers JSON `{ error, requestId }` under /api/.
 */
export function apiErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ApiValidationError) {
    void reply.code(400).send({
      error: { code: 'validation', message: req.t('errors.validation') },
      errors: err.errors,
      requestId: req.id,
    });
    return;
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
    void sendError(req, reply, 415, 'unsupported_media_type', 'api.errors.unsupportedMediaType');
    return;
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    void sendError(req, reply, 400, 'bad_request', 'api.errors.malformedJson');
    return;
  }
  throw err;
}

/** A use-case's unacceptable input, answered as a field error of the request (400 with `errors`: path and message). */
export async function withFieldErrors<T>(req: FastifyRequest, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new ApiValidationError(err.problems.map((p) => ({ path: p.field, message: req.t(p.key, p.params ?? {}) })));
    }
    throw err;
  }
}

/** API bodies are JSON only (the web forms' urlencoded parser is registered app-wide). */
async function requireJson(req: FastifyRequest, reply: FastifyReply) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && type !== 'application/json')
    return sendError(req, reply, 415, 'unsupported_media_type', 'api.errors.unsupportedMediaType');
}

const parseOptional = <S extends Schema>(schema: S | undefined, data: unknown, req: FastifyRequest) =>
  (schema ? parseInput(schema, data, req.t) : undefined) as Out<S>;

/** The declared headers of a request by their declared names (Node gives them lower-cased; a repeated one: the first). */
function declaredHeaders(schema: z.ZodObject, req: FastifyRequest): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.keys(schema.shape).map((name) => {
      const v = req.headers[name.toLowerCase()];
      return [name, Array.isArray(v) ? v[0] : v];
    }),
  );
}

/** Who makes an API call: the token's user and the token. */
interface Caller {
  actor: Actor;
  token: ApiTokenInfo;
}

/**
 * A contended call's turn in the line of its key, with its body parsed once (the call uses it); no turn when the body
 * is not valid (the call then refuses it) or names nothing contended.
 */
async function turnOf<B extends Schema>(
  key: (body: Out<B>) => string | null,
  schema: B | undefined,
  req: FastifyRequest,
): Promise<{ turn: Turn | null; body?: Out<B> }> {
  const parsed = schema?.safeParse(req.body);
  if (!parsed?.success) return { turn: null };
  const body = parsed.data as Out<B>;
  const k = key(body);
  return { turn: k ? await takeTurn(k) : null, body };
}

/** The caller as the token's check before the body was read found it (none on a route without a body). */
function checkedCaller(req: FastifyRequest): Caller | null {
  const token = apiTokenOf(req);
  return req.actor && token ? { actor: req.actor, token } : null;
}

/** How the audit names a token's user: the name and the token. */
const apiLabel = ({ actor, token }: Caller) => `${actor.displayName} (API ${token.id})`;

/** A request's timings (issue 15; only when a benchmark switched them on): the record and when it arrived. */
interface Timed {
  t: RequestTimings;
  at: number;
  handled?: number;
  sent?: number;
}
const timingsByRequest = new WeakMap<FastifyRequest, Timed>();
const timingsOf = (req: FastifyRequest) => timingsByRequest.get(req);
function startTimings(req: FastifyRequest) {
  const t = newTimings();
  if (t) timingsByRequest.set(req, { t, at: performance.now() });
}
/** The token's check before the body is read, as the phase «auth». */
const timedAuth =
  (check: (req: FastifyRequest, reply: FastifyReply) => Promise<void>) =>
  async (req: FastifyRequest, reply: FastifyReply) => {
    const x = timingsOf(req);
    if (!x) return check(req, reply);
    const t0 = performance.now();
    await check(req, reply);
    addPhase('auth', performance.now() - t0, x.t);
  };
/** The answer's serialisation (to onSend) and its sending (to onResponse), then the record goes to the benchmark. */
const TIMING_HOOKS = {
  onSend: (req: FastifyRequest, _reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    const x = timingsOf(req);
    if (x?.handled !== undefined) {
      x.sent = performance.now();
      addPhase('serialize', x.sent - x.handled, x.t);
    }
    done(null, payload);
  },
  onResponse: (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const x = timingsOf(req);
    if (x?.sent !== undefined) {
      addPhase('send', performance.now() - x.sent, x.t);
      reportTimings(x.t, req.routeOptions.url ?? '');
    }
    done();
  },
};

/**
 * Mounts a bearer-protected API route and records it for the OpenAPI document:
 * rate limit per token → token → parse input with zod → handler in a tenant transaction
 * → audit entry in the same transaction → answer shaped by the response schema.
 * Every route checks the token in the statement that opens its transaction (one round trip for
 * both): it looks the token up, or a call by a token found valid a moment ago confirms that nothing
 * changed since (decision 0039, reads and writes); a route with a body also checks it before the body is read.
 */
export function apiRoute<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends z.ZodType = z.ZodType,
  H extends HeaderSchema = undefined,
>(app: FastifyInstance, services: Services, spec: ApiRouteSpec<P, Q, B, R, H>) {
  const { path, action, operation, handler, bodyLimit, ...doc } = spec;
  recordApiRoute({ ...doc, url: app.prefix + path });
  app.route({
    method: spec.method,
    url: path,
    bodyLimit: bodyLimit ?? DEFAULT_BODY_LIMIT,
    config: { rateLimit: apiRateLimit(services) },
    // The rate limit (added to onRequest by @fastify/rate-limit) must run before authentication,
    // so guessing tokens is limited too; authentication still precedes body parsing.
    onRequest: (req, _reply, done) => {
      req.actor = null;
      setApiLocale(req);
      startTimings(req);
      done();
    },
    ...(spec.body ? { preParsing: [timedAuth(authenticateBearer(services)), requireJson] } : {}),
    ...(timingsOn() ? TIMING_HOOKS : {}),
    errorHandler: apiErrorHandler,
    handler: async (req, reply) => {
      const timings = timingsOf(req);
      if (timings) addPhase('before', performance.now() - timings.at - (timings.t.phases.auth ?? 0), timings.t);
      let audit: AuditTarget = {};
      const entry = ({ actor, token }: Caller, reason?: string): AuditEntry => ({
        hromadaId: actor.hromadaId,
        actorId: actor.userId,
        actorLabel: apiLabel({ actor, token }),
        action: audit.action ?? action,
        operation,
        entityType: audit.entityType,
        entityId: audit.entityId,
        fields: audit.fields,
        reason: reason ?? audit.reason,
        ip: req.ip,
        requestId: req.id,
      });
      let goneNow: string | null = null;
      const call = async (client: PoolClient, caller: Caller) => {
        const input = {
          params: parseOptional(spec.params, req.params, req),
          query: parseOptional(spec.query, req.query, req),
          body: contended?.body !== undefined ? contended.body : parseOptional(spec.body, req.body, req),
          headers: parseOptional(spec.headers, spec.headers ? declaredHeaders(spec.headers, req) : undefined, req),
        };
        const describe = (t: AuditTarget) => {
          Object.assign(audit, t);
        };
        const meta = requestMeta(req);
        const useCase: UseCase = {
          services,
          actor: caller.actor,
          meta,
          tx: client,
          audit: auditWriter(client, caller.actor, meta, { actorLabel: apiLabel(caller) }),
        };
        const asCallEntry: AuditWriter = (e) => {
          const { action: a, entityType, entityId, fields, reason } = e;
          describe({
            action: a,
            entityType: entityType ?? undefined,
            entityId: entityId ?? undefined,
            fields,
            reason: reason ?? undefined,
          });
          return Promise.resolve();
        };
        const gone = (messageKey: string) => {
          goneNow = messageKey;
        };
        const handled = await handler({ req, ...caller, client, describe, useCase, asCallEntry, gone, ...input });
        const r0 = timings ? performance.now() : 0;
        const result = spec.response.parse(handled);
        if (timings) addPhase('response', performance.now() - r0, timings.t);
        await writeAuditAtCommit(client, entry(caller));
        return result;
      };
      let caller = null as Caller | null;
      let answer;
      // What this call's turn learned for those waiting behind it (undefined: nothing new).
      let learned: Gone | null | undefined;
      const contended = spec.contended ? await turnOf(spec.contended.key, spec.body, req) : null;
      const turn = contended?.turn ?? null;
      const t0 = timings ? performance.now() : 0;
      try {
        // Refused from what the line learned, named by the token as checked before the body was read.
        const known = turn?.gone ? checkedCaller(req) : null;
        if (turn?.gone && spec.contended && known) {
          const c = known;
          if (c.actor.hromadaId === turn.gone.hromadaId && canHromadaWide(c.actor, spec.contended.action)) {
            const refusal = new AppError('conflict', { messageKey: turn.gone.messageKey });
            turn.end();
            await writeAuditGrouped(services.db, entry(c, `refused: ${refusal.code}`));
            throw refusal;
          }
        }
        try {
          // Every call looks its token up in the statement that opens its transaction (one round trip for both); a
          // route with a body has also had it checked before the body was read.
          const hash = bearerHash(req, reply);
          const callOpened = (ahead: TokenActorRow | undefined) =>
            services.db.txOpenedAhead(
              ahead ? confirmingOpening(ahead) : authenticatingOpening(hash),
              async (client, opened) => {
                if (!ahead) {
                  const row = (await opened)[0] as TokenActorRow | undefined;
                  const c = acceptToken(req, reply, row);
                  caller = c;
                  rememberValidToken(hash, row as TokenActorRow);
                  return await call(client, c);
                }
                // A call by a token found valid a moment ago starts at once: its first query goes with the opening,
                // under the tenant of the remembered row. Nothing is answered, committed (a write's changes roll back
                // with the transaction) nor a refusal recorded before the opening has confirmed that row: nothing
                // about tokens, users, grants or hromadas changed since it was read, and the token has not expired
                // (decision 0039).
                caller = acceptToken(req, reply, ahead);
                const outcome = await call(client, caller).then(
                  (value) => ({ value }),
                  (error: unknown) => ({ error }),
                );
                if (!confirmed(ahead, (await opened)[0] as ConfirmedRow | undefined)) {
                  caller = null;
                  throw new TokenChanged();
                }
                if ('error' in outcome) throw outcome.error;
                return outcome.value;
              },
            );
          answer = await withTimings(timings?.t ?? null, async () => {
            try {
              return await callOpened(recentTokenRow(hash));
            } catch (err) {
              // Something changed since the token was found valid (revoked, its user's grants…): made again with the
              // token looked up, which refuses a token no longer valid.
              if (!(err instanceof TokenChanged)) throw err;
              goneNow = null;
              audit = {};
              return await callOpened(undefined);
            }
          });
          if (timings) {
            addPhase('call', performance.now() - t0, timings.t);
            timings.handled = performance.now();
          }
          const c = caller;
          learned = goneNow && c?.actor.hromadaId ? { hromadaId: c.actor.hromadaId, messageKey: goneNow } : null;
          turn?.end(learned);
        } catch (err) {
          // A refused call (bad input, no permission, no such record) rolled back; it is still recorded.
          const c = caller;
          if (c && isAppError(err) && err.status === 409 && c.actor.hromadaId)
            learned = { hromadaId: c.actor.hromadaId, messageKey: err.messageKey };
          // The next call in line goes on while this refusal is recorded.
          turn?.end(learned);
          if (c && isAppError(err) && err.status < 500) {
            await writeAuditGrouped(services.db, entry(c, `refused: ${err.code}`));
          }
          throw err;
        }
      } finally {
        turn?.end(learned);
      }
      return reply.code(spec.status ?? 200).send(answer);
    },
  });
}

export interface PublicApiRouteSpec<Q extends Schema, R extends z.ZodType> extends DocFields {
  path: string;
  query?: Q;
  response: R;
  handler: (ctx: { req: FastifyRequest; query: Out<Q> }) => Promise<z.input<R>> | z.input<R>;
}

/** A GET route of the API that needs no token (the OpenAPI document); limited per address. */
export function publicApiRoute<Q extends Schema = undefined, R extends z.ZodType = z.ZodType>(
  app: FastifyInstance,
  spec: PublicApiRouteSpec<Q, R>,
) {
  const { path, handler, ...doc } = spec;
  recordApiRoute({ ...doc, url: app.prefix + path, public: true });
  app.route({
    method: spec.method,
    url: path,
    onRequest: (req, _reply, done) => {
      req.actor = null;
      setApiLocale(req);
      done();
    },
    errorHandler: apiErrorHandler,
    handler: async (req, reply) => {
      const result = await handler({ req, query: parseOptional(spec.query, req.query, req) });
      return reply
        .code(spec.status ?? 200)
        .type(spec.contentType ?? 'application/json; charset=utf-8')
        .send(result);
    },
  });
}
