import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can, type Actor } from '../../platform/policy.js';
import { isAppError } from '../../platform/errors.js';
import { formBody, formErrors, NO_ERRORS, UUID, type FormErrors } from '../persons-web/form.js';
import { presentListItem, presentPerson } from '../persons-web/persons-web.presenter.js';
import { searchPersons } from '../persons/use-cases/search-persons.js';
import { identityMessage, parseMrz } from '../persons/identity/index.js';
import { getPerson } from '../persons/use-cases/get-person.js';
import { servicesFor } from './applications.queries.js';
import { presentApplication } from './applications.presenter.js';
import type { Channel } from './status-machine.js';
import { applicationId } from './applications.web.js';
import { createApplication } from './use-cases/create-application.js';
import { getApplication } from './use-cases/get-application.js';
import { kyivToday } from './working-days.js';
import { requestMeta } from '../../platform/audit.js';

/** A starosta takes applications in the village office; everyone else at the front office. */
export const intakeChannel = (actor: Actor): Channel =>
  (actor.grants.some((g) => g.role !== 'starosta' && can({ ...actor, grants: [g] }, 'applications.register')) ? 'front_office' : 'starosta');

const IDEMPOTENCY = /^[0-9a-f-]{36}$/i;

/** Intake on behalf of a walk-in resident: find the person, choose the service, register, give the receipt. */
export function intakeRoutes(services: Services) {
  async function findStep(req: FastifyRequest, reply: FastifyReply, x: { q?: string; mrz?: string; candidates?: ReturnType<typeof presentListItem>[];
    via?: 'name' | 'mrz'; addMrz?: string; errors?: FormErrors } = {}) {
    const errors = x.errors ?? NO_ERRORS;
    return reply.header('cache-control', 'no-store').page('applications/views/new.njk', {
      pageTitle: req.t('applications.new.title'), step: 'find', q: x.q ?? '', mrz: x.mrz ?? '', candidates: x.candidates, via: x.via ?? 'name',
      addMrz: x.addMrz && can(req.actor, 'registry.write') ? x.addMrz : null, canAdd: can(req.actor, 'registry.write'), ...errors,
    }, errors.errorSummary.length ? 400 : 200);
  }

  async function serviceStep(req: FastifyRequest, reply: FastifyReply, personId: string,
    x: { serviceId?: string; key?: string; errors?: FormErrors } = {}) {
    const actor = req.actor!;
    const channel = intakeChannel(actor);
    const { person } = await getPerson({ services, actor, id: personId, meta: requestMeta(req), action: 'person.view.intake' });
    const list = await services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => servicesFor(c, actor.hromadaId!, channel));
    const errors = x.errors ?? NO_ERRORS;
    return reply.header('cache-control', 'no-store').page('applications/views/new.njk', {
      pageTitle: req.t('applications.new.title'), step: 'service', person: presentPerson(person, req.t), personId,
      channel, channelText: req.t(`applications.channel.${channel}`),
      services: list.map((s) => ({ value: s.id, text: s.name, checked: s.id === x.serviceId })),
      idempotencyKey: x.key && IDEMPOTENCY.test(x.key) ? x.key : crypto.randomUUID(), ...errors,
    }, errors.errorSummary.length ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/applications/new', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const personId = (req.query as Record<string, unknown> | undefined)?.personId;
      if (typeof personId === 'string' && UUID.test(personId)) return serviceStep(req, reply, personId);
      return findStep(req, reply);
    });

    app.post('/applications/new/search', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const q = (formBody(req.body).q ?? '').slice(0, 200);
      if (!q) return findStep(req, reply, { errors: formErrors([{ field: 'q', text: req.t('applications.v.query') }]) });
      const found = await searchPersons({ services, actor: req.actor, q, filters: {}, limit: 10, offset: 0, meta: requestMeta(req) });
      return findStep(req, reply, { q, candidates: found.items.map(presentListItem) });
    });

    // An ID card's MRZ (typed, or by a scanner that types): the person by the exact УНЗР or document number
    // it carries; nobody → «Додати до реєстру» posts the MRZ on to the registry's form (never in a URL).
    app.post('/applications/new/mrz', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const mrz = (formBody(req.body).mrz ?? '').slice(0, 400);
      const problem = (text: string) => findStep(req, reply, { mrz, errors: formErrors([{ field: 'mrz', text }]) });
      if (!mrz) return problem(req.t('applications.new.mrz.required'));
      const r = parseMrz(mrz);
      if (!r.ok) return problem(r.problems.map((p) => identityMessage(p, req.locale === 'en' ? 'en' : 'uk')).join(' '));
      const found = new Map<string, ReturnType<typeof presentListItem>>();
      for (const q of [r.value.unzr, r.value.documentNumber]) {
        const page = await searchPersons({ services, actor: req.actor, q, filters: {}, limit: 10, offset: 0, meta: requestMeta(req) });
        for (const item of page.items) found.set(item.id, presentListItem(item));
      }
      return findStep(req, reply, { via: 'mrz', candidates: [...found.values()], addMrz: found.size ? undefined : r.lines.join('') });
    });

    app.post('/applications', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const b = formBody(req.body);
      if (!b.personId || !UUID.test(b.personId)) {
        return findStep(req, reply, { errors: formErrors([{ field: 'q', text: req.t('applications.v.personRequired') }]) });
      }
      const again = (text: string) => serviceStep(req, reply, b.personId, { key: b.idempotencyKey,
        errors: formErrors([{ field: 'serviceId', text, href: '#serviceId' }]) });
      if (!b.serviceId || !UUID.test(b.serviceId)) return again(req.t('applications.v.serviceRequired'));
      const key = b.idempotencyKey && IDEMPOTENCY.test(b.idempotencyKey) ? b.idempotencyKey : null;
      try {
        const r = await createApplication({ services, actor: req.actor, idempotencyKey: key, meta: requestMeta(req),
          input: { personId: b.personId, serviceId: b.serviceId, channel: intakeChannel(req.actor) } });
        return reply.redirect(`/applications/${r.id}/receipt`, 303);
      } catch (err) {
        if (isAppError(err) && err.code === 'validation') return again(req.t(err.messageKey));
        throw err;
      }
    });

    app.get('/applications/:id/receipt', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const v = await getApplication({ services, actor: req.actor, id: applicationId(req), meta: requestMeta(req), action: 'application.receipt' });
      return reply.header('cache-control', 'no-store').page('applications/views/receipt.njk', {
        pageTitle: req.t('applications.receipt.title'), app: presentApplication(v.application, kyivToday(), v.calendar, req.t),
      });
    });
  };
}
