import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { validate, type FieldError } from '../../platform/api-registry.js';
import { addDays, todayInKyiv, tokenForm, tokenIdParams, ukDate } from './api.schema.js';
import { lastValidDay, presentTokens } from './api.presenter.js';
import { createApiToken } from './use-cases/create-api-token.js';
import { revokeApiToken } from './use-cases/revoke-api-token.js';
import { getApiToken, listApiTokens } from './use-cases/list-api-tokens.js';

const BASE = '/admin/api-tokens';

function tokenIdOf(req: FastifyRequest): string {
  const p = tokenIdParams.safeParse(req.params);
  if (!p.success) throw new AppError('not_found');
  return p.data.id;
}

/** Web pages (not under /api): administrators list, create and revoke the hromada's API tokens. */
export function apiTokenPages(services: Services) {
  const { db } = services;
  const life = { defaultDays: services.config.API_TOKEN_DEFAULT_DAYS, maxDays: services.config.API_TOKEN_MAX_DAYS };

  async function listPage(req: FastifyRequest, reply: FastifyReply, form: { values?: Record<string, string>; errors?: FieldError[] } = {}) {
    const rows = await listApiTokens({ db, actor: req.actor });
    const errors = form.errors ?? [];
    const fieldError = (f: string) => errors.find((e) => e.path === f)?.message;
    return reply.page('api/views/tokens.njk', {
      pageTitle: req.t('api.tokens.title'),
      tokens: presentTokens(rows, req.t),
      values: form.values ?? {},
      errors: { name: fieldError('name'), expiresOn: fieldError('expiresOn') },
      expiry: {
        defaultDays: life.defaultDays, defaultDate: ukDate(addDays(todayInKyiv(), life.defaultDays)),
        latestDate: ukDate(addDays(todayInKyiv(), life.maxDays)),
      },
      errorSummary: errors.map((e) => ({ text: e.message, href: `#${e.path || 'name'}` })),
      flash: (req.query as Record<string, string | undefined>).revoked === '1' ? req.t('api.tokens.revokedFlash') : null,
    }, errors.length ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get(BASE, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      return listPage(req, reply);
    });

    app.post(BASE, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const parsed = validate(tokenForm(req.t, life), body, req.t);
      if (!parsed.success) {
        const values = { name: String(body.name ?? ''), expiresOn: String(body.expiresOn ?? '') };
        return listPage(req, reply, { values, errors: parsed.errors });
      }
      const token = await createApiToken({
        db, actor: req.actor, name: parsed.data.name, expiresOn: parsed.data.expiresOn, ip: req.ip, requestId: req.id,
      });
      // The secret exists only in this answer: never cached, never in a URL, never stored.
      reply.header('cache-control', 'no-store');
      return reply.page('api/views/token-created.njk', {
        pageTitle: req.t('api.tokens.created.title'), token, expires: lastValidDay(token.expiresAt),
      });
    });

    app.get(`${BASE}/:id/revoke`, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      const token = await getApiToken({ db, actor: req.actor, tokenId: tokenIdOf(req) });
      if (token.revoked_at) return reply.redirect(BASE, 303);
      return reply.page('api/views/token-revoke.njk', { pageTitle: req.t('api.tokens.revoke.title'), token });
    });

    app.post(`${BASE}/:id/revoke`, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      await revokeApiToken({ db, actor: req.actor, tokenId: tokenIdOf(req), ip: req.ip, requestId: req.id });
      return reply.redirect(`${BASE}?revoked=1`, 303);
    });
  };
}
