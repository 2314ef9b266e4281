import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { addDays, displayDate, kyivToday } from '../../platform/dates.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
} from '../../platform/forms.js';
import { idParams } from '../../platform/ids.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { tokenForm, tokensQuery } from './api.schema.js';
import { lastValidDay, presentTokens } from './api.presenter.js';
import { createApiToken } from './use-cases/create-api-token.js';
import { revokeApiToken } from './use-cases/revoke-api-token.js';
import { listApiTokens } from './use-cases/list-api-tokens.js';
import { getApiToken } from './use-cases/get-api-token.js';

const BASE = '/admin/api-tokens';

/** Web pages (not under /api): administrators list, create and revoke the hromada's API tokens. */
export function apiTokenPages(services: Services) {
  const life = { defaultDays: services.config.API_TOKEN_DEFAULT_DAYS, maxDays: services.config.API_TOKEN_MAX_DAYS };

  async function listPage(
    req: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FormErrors } = {},
  ) {
    const rows = await listApiTokens(useCaseOf(req, services));
    const errors = form.errors ?? NO_ERRORS;
    const query = parseQuery(req, tokensQuery);
    const today = kyivToday();
    return reply.page(
      'api/views/tokens.njk',
      {
        pageTitle: req.t('api.tokens.title'),
        tokens: presentTokens(rows, req.t),
        values: form.values ?? {},
        errors: errors.errors,
        expiry: {
          defaultDays: life.defaultDays,
          defaultDate: displayDate(addDays(today, life.defaultDays)),
          latestDate: displayDate(addDays(today, life.maxDays)),
        },
        errorSummary: errors.errorSummary,
        flash: query.ok && query.data.revoked === '1' ? req.t('api.tokens.revokedFlash') : null,
      },
      form.errors ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get(BASE, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      return listPage(req, reply);
    });

    app.post(BASE, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      const form = tokenForm(life);
      const parsed = parseBody(req, form.schema);
      if (!parsed.ok) {
        const { name = '', expiresOn = '' } = formValues(req.body);
        return listPage(req, reply, {
          values: { name, expiresOn },
          errors: formErrors(req.t, form.withParams(parsed.problems)),
        });
      }
      const token = await createApiToken({ ...useCaseOf(req, services), ...parsed.data });
      // The secret exists only in this answer: never cached, never in a URL, never stored.
      noStore(reply);
      return reply.page('api/views/token-created.njk', {
        pageTitle: req.t('api.tokens.created.title'),
        token,
        expires: lastValidDay(token.expiresAt),
      });
    });

    app.get(`${BASE}/:id/revoke`, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      const token = await getApiToken({ ...useCaseOf(req, services), tokenId: parseParams(req, idParams).id });
      if (token.revoked_at) return reply.redirect(BASE, 303);
      return reply.page('api/views/token-revoke.njk', { pageTitle: req.t('api.tokens.revoke.title'), token });
    });

    app.post(`${BASE}/:id/revoke`, async (req, reply) => {
      authorize(req.actor, 'apiTokens.manage');
      await revokeApiToken({ ...useCaseOf(req, services), tokenId: parseParams(req, idParams).id });
      return reply.redirect(`${BASE}?revoked=1`, 303);
    });
    return Promise.resolve();
  };
}
