import { noStore } from './platform/http.js';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from 'helmet';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import { labelTableCells } from './platform/table-labels.js';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import path from 'node:path';
import qs from 'node:querystring';
import type { Services } from './services.js';
import { AppError, isAppError } from './platform/errors.js';
import { DEFAULT_LOCALE, isLocale, translator } from './platform/i18n.js';
import { baseContext } from './platform/views.js';
import { actorFromSession } from './platform/actor.js';
import { loggerOptions, noteRefusal, OneLinePerRequest } from './platform/logger.js';
import { registerModules } from './modules/index.js';
import { ROOT } from './platform/paths.js';
import { auditRefusedPage, personalDataRoute } from './platform/personal-data-routes.js';
import { assetUrl, BUILD_DIR, BUILD_PREFIX } from './platform/assets.js';

const root = ROOT;

export interface AppOptions {
  logger?: boolean;
  /** Where the log goes (default: standard output). */
  logStream?: NodeJS.WritableStream;
}

/** Builds the HTTP application from ready services: plugins, security, sessions, i18n, routes. */
export async function createApp(services: Services, opts: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(config.LOG_LEVEL, opts.logStream),
    logController: new OneLinePerRequest(),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY ? (config.TRUST_PROXY === 'true' ? true : config.TRUST_PROXY) : false,
    routerOptions: { maxParamLength: 200 },
    clientErrorHandler: answerMalformedRequest,
  });

  keepClientAddress(app);
  refuseNulCharacters(app);
  await setUpSecurity(app, services);
  await setUpCompression(app);
  await setUpStatic(app);
  setUpRequestContext(app, services);
  requirePasswordChange(app);
  setUpRendering(app, services);
  setUpErrors(app, services);
  // The modules' contributions to each other's extension points, for tools and tests that need them.
  app.decorate('moduleHooks', await registerModules(app, services));
  return app;
}

/**
 * Fastify's `req.ip` reads the socket's remote address when first asked. A client that hangs up
 * while the request waits (say, on the session lookup: an aborted search-as-you-type post, a
 * script that times out on a large form) leaves a closed socket with no address, and the rate
 * limiter's key, asked for after that wait, was undefined (TypeError in @fastify/rate-limit). The
 * address is read first thing, which Node keeps for the socket's life; a request whose client is
 * gone before that is dropped, as nobody waits for its answer.
 */
function keepClientAddress(app: FastifyInstance) {
  app.addHook('onRequest', (req, reply, done) => {
    if (req.ip === undefined) {
      reply.hijack();
      req.raw.destroy();
      return;
    }
    done();
  });
}

/**
 * No text holds the character NUL: nobody types it, and PostgreSQL refuses it in text. A request that carries one in its
 * path, query or fields (a form's, a JSON body's, their names too) is refused at once with 400 and a message that says
 * so, instead of failing in its first query with 500.
 */
function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', (req, _reply, done) => {
    const nul = holdsNul(req.params) || holdsNul(req.query) || holdsNul(req.body);
    done(nul ? new AppError('bad_request', { messageKey: 'errors.nul' }) : undefined);
  });
}

function holdsNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v === null || typeof v !== 'object' || Buffer.isBuffer(v) || depth > 32) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || holdsNul(x, depth + 1)) return true;
  return false;
}

async function setUpSecurity(app: FastifyInstance, services: Services) {
  const { config } = services;
  await app.register(cookie, { secret: services.keys.cookie.toString('base64') });
  // Forms post urlencoded; `qs.parse` gives flat fields (repeated names become arrays).
  await app.register(formbody, { parser: (s) => qs.parse(s), bodyLimit: 256 * 1024 });
  // Security headers: helmet's middleware is built once (the Fastify wrapper built it again for every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(config.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined)),
  );
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: config.secure ? '__Host-csrf' : 'turbota_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure, signed: true },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      return fromBody ?? (req.headers['x-csrf-token'] as string | undefined);
    },
  });
  // Answers of the API carry personal data: no cache (browser, proxy) may keep any of them, errors included.
  app.addHook('onSend', async (req, reply) => {
    if (isApiUrl(req.url)) noStore(reply);
  });
  await app.register(rateLimit, {
    global: true,
    max: services.config.RATE_PER_MINUTE,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  // Every state-changing request of the web UI carries a CSRF token (the API uses bearer tokens).
  app.addHook('preHandler', (req, reply, done) => {
    const method = req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || req.url.startsWith('/api/')) {
      done();
      return;
    }
    if (req.routeOptions.config && (req.routeOptions.config as { csrf?: boolean }).csrf === false) {
      done();
      return;
    }
    app.csrfProtection(req, reply, done);
  });
}

/**
 * Text answers go compressed (Brotli or gzip, as the client accepts; decision 0016), except where
 * BREACH could read a secret: a request whose query string is reflected into a page of personal data
 * or an API answer is answered plain. CSRF tokens are masked afresh in every answer, so they are no
 * such secret. Built assets are compressed once at build time (`setUpStatic`), not per request.
 */
async function setUpCompression(app: FastifyInstance) {
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.url.includes('?') && (req.url.startsWith('/api/') || personalDataRoute(req.routeOptions.url))) {
      req.headers['x-no-compression'] = '1';
    }
    done();
  });
}

async function setUpStatic(app: FastifyInstance) {
  // Built assets (platform/assets.ts): content-hashed names, so cached for a year and never revalidated;
  // their Brotli and gzip copies were made at build time.
  await app.register(fastifyStatic, {
    root: BUILD_DIR,
    prefix: BUILD_PREFIX,
    index: false,
    preCompressed: true,
    cacheControl: true,
    maxAge: '365d',
    immutable: true,
    allowedPath: (p) => p !== '/manifest.json',
  });
  // Images that govuk-frontend's stylesheet refers to.
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/govuk-frontend/dist/govuk'),
    prefix: '/assets/',
    decorateReply: false,
    allowedPath: (p) => p.startsWith('/assets/images/'),
    maxAge: '1d',
    index: false,
  });
  // Browsers (and a TV's, showing the queue's screen) ask for /favicon.ico whatever the page names: the icon is ours.
  app.get('/favicon.ico', (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').redirect(assetUrl('favicon.svg'), 302),
  );
}

const A11Y_TEXT = new Set(['large', 'larger']);

function setUpRequestContext(app: FastifyInstance, services: Services) {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as never);
  app.decorateRequest('a11yClasses', '');
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('actor', null);
  app.decorateRequest('publicHromadaName', null);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const lang = req.cookies.lang;
    req.locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
    req.t = translator(req.locale);
    // An API call's caller is its token, never a session cookie (its routes take their language from
    // Accept-Language): a cookie a browser sends along is not looked up.
    if (isApiUrl(req.url)) return;
    const [text, contrast] = (req.cookies.a11y ?? '').split('.');
    req.a11yClasses = [A11Y_TEXT.has(text) ? `tb-text-${text}` : '', contrast === 'high' ? 'tb-contrast-high' : '']
      .filter(Boolean)
      .join(' ');
    if (req.url.startsWith('/public/') || req.url.startsWith('/assets/') || req.url === '/healthz') return;
    const token = services.sessions.tokenFrom(req);
    if (token) {
      req.session = await services.sessions.load(token);
      if (!req.session) {
        req.sessionExpired = true;
        services.sessions.clearCookie(reply);
        // Lets the login page that the user is sent to say why (the session cookie is gone by then).
        reply.setCookie('turbota_expired', '1', {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: services.config.secure,
          maxAge: 600,
        });
      } else {
        req.actor = await actorFromSession(services.db, req.session);
      }
    }
  });
}

/**
 * A request Node's HTTP parser refuses before any route sees it (e.g. raw non-ASCII bytes in the
 * path, a broken header): 400 with the API's JSON error shape in Ukrainian, then the connection
 * closes. Fastify's default answers in English.
 */
function answerMalformedRequest(err: NodeJS.ErrnoException, socket: import('node:net').Socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({
    error: { code: 'bad_request', message: translator(DEFAULT_LOCALE)('errors.bad_request') },
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** What a staff member with a temporary password may still open: the account page, sign-out, settings, public pages. */
const OPEN_WITH_TEMPORARY_PASSWORD =
  /^\/(?:account|logout|login|settings\/[a-z-]+|accessibility|privacy|healthz|verify\/[^/]+|public\/.*|assets\/.*)?(?:[?#]|$)/;

/** A temporary password is changed first: other pages lead to the account page, other forms are refused. */
function requirePasswordChange(app: FastifyInstance) {
  app.addHook('preHandler', async (req, reply) => {
    if (!req.actor?.mustChangePassword || OPEN_WITH_TEMPORARY_PASSWORD.test(req.url)) return;
    if (req.method === 'GET' || req.method === 'HEAD') return reply.redirect('/account?required=1', 303);
    throw new AppError('forbidden', { messageKey: 'auth.account.changeFirst' });
  });
}

const GOVUK_ERROR_PREFIX = '<span class="govuk-visually-hidden">Error:</span>';
/** govuk-frontend's notification banners without a title of their own are titled «Success» or «Important». */
const GOVUK_BANNER_TITLE =
  /(<h[1-6] class="govuk-notification-banner__title"[^>]*>\s*)(Success|Important)(\s*<\/h[1-6]>)/g;

function setUpRendering(app: FastifyInstance, services: Services) {
  // The public name of the hromada, read again at most every 30 s (one per app: each has its own database).
  let cachedPublicName: { at: number; name: string | null } = { at: 0, name: null };
  app.decorateReply(
    'page',
    function (this: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200) {
      const req = this.request;
      // govuk-frontend's field errors start with a hidden «Error:» for screen readers, and its banners without a title
      // of their own say «Success» or «Important»: say them in the page's language.
      const html = labelTableCells(
        services.views
          .render(template, { ...baseContext(req, this), ...data })
          .replaceAll(GOVUK_ERROR_PREFIX, `<span class="govuk-visually-hidden">${req.t('errors.title')}:</span>`)
          .replace(
            GOVUK_BANNER_TITLE,
            (_m, open: string, title: string, close: string) =>
              `${open}${req.t(title === 'Success' ? 'app.flashTitle' : 'app.noticeTitle')}${close}`,
          ),
      );
      if (!this.hasHeader('cache-control')) {
        this.header('cache-control', pageCaching(req));
        // A kept page is reused only with the same cookies (language, settings, signed in or not).
        this.header('vary', 'Cookie');
      }
      return this.code(status).type('text/html; charset=utf-8').send(html);
    },
  );
  // The public pages show the hromada this installation serves (the first active one).
  app.addHook('preHandler', async (req) => {
    if (req.actor?.hromadaName || req.url.startsWith('/api/')) return;
    if (Date.now() - cachedPublicName.at > 30_000) {
      const { rows } = await services.db.query<{ name: string }>(
        'SELECT name FROM hromadas WHERE active ORDER BY activated_at NULLS LAST, id LIMIT 1',
      );
      cachedPublicName = { at: Date.now(), name: rows[0]?.name ?? null };
    }
    req.publicHromadaName = cachedPublicName.name;
  });
}

/**
 * How long a browser may keep a page that did not say so itself (decision 0016): a page of personal
 * data is never stored; another page of a signed-in user is revalidated every time (it names the
 * user); a page for everyone (home, catalogue, sign-in) may be reused for a minute, by this browser
 * only (it carries the visitor's CSRF token) and only while the cookies are the same.
 */
function pageCaching(req: FastifyRequest): string {
  if (personalDataRoute(req.routeOptions.url)) return 'no-store';
  if (req.actor || req.session) return 'private, no-cache';
  return 'private, max-age=60';
}

/** /api and everything under it (with or without a query). */
const isApiUrl = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

function wantsJson(req: FastifyRequest) {
  return isApiUrl(req.url) || (req.headers.accept ?? '').startsWith('application/json');
}

function toAppError(err: FastifyError | Error): AppError {
  if (isAppError(err)) return err;
  const fe = err as FastifyError;
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') return new AppError('csrf');
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return new AppError('payload_too_large');
  if (fe.statusCode === 429) return new AppError('rate_limited');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return fe.statusCode === 404 ? new AppError('not_found') : new AppError('bad_request');
  }
  return new AppError('internal', { cause: err });
}

function setUpErrors(app: FastifyInstance, services: Services) {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err: e.cause ?? err }, 'request failed');
    else noteRefusal(req, e.code);
    // A refused page of personal data is audited like a refused API call (the API route audits its own).
    try {
      await auditRefusedPage(services, req, e);
    } catch (auditErr) {
      req.log.error({ err: auditErr }, 'audit of a refused page failed');
    }
    const message = req.t ? req.t(e.messageKey, (e.details as Record<string, unknown>) ?? {}) : e.code;
    if (e.code === 'unauthenticated' && !wantsJson(req) && req.method === 'GET') {
      return reply.redirect(req.url.startsWith('/cabinet') ? '/resident/login' : '/login');
    }
    if (wantsJson(req)) {
      // A conflict names what it conflicts with (e.g. the existing person's id), never personal data.
      const extra = e.code === 'conflict' && e.details && typeof e.details === 'object' ? e.details : {};
      return reply.code(e.status).send({ error: { code: e.code, message }, ...extra, requestId: req.id });
    }
    return reply.page('error.njk', { pageTitle: req.t(`errors.title`) + ` ${e.status}`, message }, e.status);
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new AppError('not_found');
    if (wantsJson(req))
      return reply.code(404).send({ error: { code: e.code, message: req.t(e.messageKey) }, requestId: req.id });
    return reply.page('error.njk', { pageTitle: `${req.t('errors.title')} 404`, message: req.t(e.messageKey) }, 404);
  });
}
