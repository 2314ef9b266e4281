import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can, type Actor } from '../../platform/policy.js';
import { ValidationError } from '../../platform/errors.js';
import { noStore } from '../../platform/http.js';
import { idParams, isUuid } from '../../platform/ids.js';
import { kyivToday } from '../../platform/dates.js';
import {
  formErrors,
  NO_ERRORS,
  oneError,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
} from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import { presentListItem, presentPerson } from '../persons-web/persons-web.presenter.js';
import { searchPersons } from '../persons/use-cases/search-persons.js';
import { identityMessage, parseMrz } from '../persons/identity/index.js';
import { presentApplication } from './applications.presenter.js';
import { intakeForm, intakeQuery, mrzForm, searchForm } from './applications.schema.js';
import type { Channel } from './status-machine.js';
import { createApplication } from './use-cases/create-application.js';
import { getApplication } from './use-cases/get-application.js';
import { readIntakePerson } from './use-cases/read-intake-person.js';

/** A starosta takes applications in the village office; everyone else at the front office. */
export const intakeChannel = (actor: Actor): Channel =>
  actor.grants.some((g) => g.role !== 'starosta' && can({ ...actor, grants: [g] }, 'applications.register'))
    ? 'front_office'
    : 'starosta';

/** Intake on behalf of a walk-in resident: find the person, choose the service, register, give the receipt. */
export function intakeRoutes(services: Services) {
  async function findStep(
    req: FastifyRequest,
    reply: FastifyReply,
    x: {
      q?: string;
      mrz?: string;
      candidates?: ReturnType<typeof presentListItem>[];
      via?: 'name' | 'mrz';
      addMrz?: string;
      errors?: FormErrors;
    } = {},
  ) {
    const errors = x.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'applications/views/new.njk',
      {
        pageTitle: req.t('applications.new.title'),
        step: 'find',
        q: x.q ?? '',
        mrz: x.mrz ?? '',
        candidates: x.candidates,
        via: x.via ?? 'name',
        addMrz: x.addMrz && can(req.actor, 'registry.write') ? x.addMrz : null,
        canAdd: can(req.actor, 'registry.write'),
        ...errors,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function serviceStep(
    req: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    x: { serviceId?: string; key?: string | null; errors?: FormErrors } = {},
  ) {
    authorize(req.actor, 'applications.register');
    const channel = intakeChannel(req.actor);
    const { person, services: list } = await readIntakePerson({ ...useCaseOf(req, services), personId, channel });
    const errors = x.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'applications/views/new.njk',
      {
        pageTitle: req.t('applications.new.title'),
        step: 'service',
        person: presentPerson(person, req.t),
        personId,
        channel,
        channelText: req.t(`applications.channel.${channel}`),
        services: list.map((s) => ({ value: s.id, text: s.name, checked: s.id === x.serviceId })),
        idempotencyKey: x.key ?? crypto.randomUUID(),
        ...errors,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/applications/new', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const q = parseQuery(req, intakeQuery);
      if (q.ok && q.data.personId) return serviceStep(req, reply, q.data.personId);
      return findStep(req, reply);
    });

    app.post('/applications/new/search', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const form = parseBody(req, searchForm);
      const q = form.ok ? form.data.q : '';
      if (!q) return findStep(req, reply, { errors: oneError(req.t, 'q', 'applications.v.query') });
      const found = await searchPersons({ ...useCaseOf(req, services), q, filters: {}, limit: 10, offset: 0 });
      return findStep(req, reply, { q, candidates: found.items.map(presentListItem) });
    });

    // An ID card's MRZ (typed, or by a scanner that types): the person by the exact УНЗР or document number
    // it carries; nobody → «Додати до реєстру» posts the MRZ on to the registry's form (never in a URL).
    app.post('/applications/new/mrz', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const form = parseBody(req, mrzForm);
      const mrz = form.ok ? form.data.mrz : '';
      const refuse = (errors: FormErrors) => findStep(req, reply, { mrz, errors });
      if (!mrz) return refuse(oneError(req.t, 'mrz', 'applications.new.mrz.required'));
      const r = parseMrz(mrz);
      if (!r.ok) {
        const text = r.problems.map((p) => identityMessage(p, req.locale === 'en' ? 'en' : 'uk')).join(' ');
        return refuse({ errorSummary: [{ text, href: '#mrz' }], errors: { mrz: { text } } });
      }
      const found = new Map<string, ReturnType<typeof presentListItem>>();
      for (const q of [r.value.unzr, r.value.documentNumber]) {
        const page = await searchPersons({ ...useCaseOf(req, services), q, filters: {}, limit: 10, offset: 0 });
        for (const item of page.items) found.set(item.id, presentListItem(item));
      }
      return findStep(req, reply, {
        via: 'mrz',
        candidates: [...found.values()],
        addMrz: found.size ? undefined : r.lines.join(''),
      });
    });

    app.post('/applications', async (req, reply) => {
      authorize(req.actor, 'applications.register');
      const form = parseBody(req, intakeForm);
      const b = form.ok ? form.data : { personId: '', serviceId: '', idempotencyKey: null };
      if (!isUuid(b.personId))
        return findStep(req, reply, { errors: oneError(req.t, 'q', 'applications.v.personRequired') });
      const again = (key: string) =>
        serviceStep(req, reply, b.personId, {
          key: b.idempotencyKey,
          errors: formErrors(req.t, [{ field: 'serviceId', key, href: '#serviceId' }]),
        });
      if (!isUuid(b.serviceId)) return again('applications.v.serviceRequired');
      try {
        const r = await createApplication({
          ...useCaseOf(req, services),
          idempotencyKey: b.idempotencyKey,
          input: { personId: b.personId, serviceId: b.serviceId, channel: intakeChannel(req.actor) },
        });
        return await reply.redirect(`/applications/${r.id}/receipt`, 303);
      } catch (err) {
        if (err instanceof ValidationError) return again(err.messageKey);
        throw err;
      }
    });

    app.get('/applications/:id/receipt', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const v = await getApplication({
        ...useCaseOf(req, services),
        id: parseParams(req, idParams).id,
        action: 'application.receipt',
      });
      noStore(reply);
      return reply.page('applications/views/receipt.njk', {
        pageTitle: req.t('applications.receipt.title'),
        app: presentApplication(v.application, kyivToday(), v.calendar, req.t),
      });
    });
    return Promise.resolve();
  };
}
