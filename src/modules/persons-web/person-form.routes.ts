import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { isAppError } from '../../platform/errors.js';
import { getPerson } from '../persons/use-cases/get-person.js';
import { updatePerson } from '../persons/use-cases/update-person.js';
import { NO_ERRORS, formBody, type FormBody, type FormErrors } from './form.js';
import { fillFromMrz, parsePersonForm, personToForm, toPatch, useCaseProblem } from './person-form.js';
import { idParams } from './persons-web.schema.js';
import { settlementOptions } from './persons-web.queries.js';
import { fullName, presentConfirmation } from './persons-web.presenter.js';
import { createPerson } from './use-cases/create-person.js';
import { requestMeta } from '../../platform/audit.js';

interface FormState { values: FormBody; errors?: FormErrors; latin?: string; confirmation?: ReturnType<typeof presentConfirmation>;
  personId?: string; personName?: string; status?: number }

/** Adding a person (with the ID card's MRZ and the confirmation step) and editing one. */
export function personFormRoutes(services: Services) {
  async function render(req: FastifyRequest, reply: FastifyReply, s: FormState) {
    const actor = req.actor!;
    const settlements = await services.db.tx({ hromadaId: actor.hromadaId!, userId: actor.userId },
      (c) => settlementOptions(c, actor.hromadaId!));
    const errors = s.errors ?? NO_ERRORS;
    const title = s.personId ? req.t('personsWeb.form.editTitle', { name: s.personName }) : req.t('personsWeb.form.newTitle');
    return reply.header('cache-control', 'no-store').page('persons-web/views/person-form.njk', {
      pageTitle: title, heading: title, values: s.values, ...errors, latin: s.latin, confirmation: s.confirmation,
      settlements, action: s.personId ? `/persons/${s.personId}/edit` : '/persons/new', editing: !!s.personId, personId: s.personId,
    }, s.status ?? (errors.errorSummary.length ? 400 : 200));
  }

  /** Refusals of the use-cases shown on the form: duplicates (409, with a link), stale versions, field rules. */
  function refusal(req: FastifyRequest, err: unknown): { errors: FormErrors; status: number } | null {
    if (!isAppError(err)) return null;
    const existingId = (err.details as { existingId?: string } | undefined)?.existingId;
    if (err.code === 'conflict') {
      const href = existingId ? `/persons/${existingId}` : '#lastName';
      const text = existingId ? `${req.t(err.messageKey)}. ${req.t('personsWeb.form.openExisting')}` : req.t(err.messageKey);
      return { errors: { errorSummary: [{ text, href }], errors: {} }, status: 409 };
    }
    if (err.code === 'validation') return { errors: useCaseProblem(err.messageKey, req.t), status: 400 };
    return null;
  }

  return async function (app: FastifyInstance) {
    app.get('/persons/new', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      return render(req, reply, { values: {} });
    });

    app.post('/persons/new', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const values = formBody(req.body);
      if (values.action === 'mrz') {
        const filled = fillFromMrz(values, req.locale);
        return render(req, reply, { values: { ...filled.values, mrz: filled.errors.errorSummary.length ? values.mrz : '' },
          errors: filled.errors, latin: filled.latin });
      }
      const parsed = parsePersonForm(values, req.t, req.locale);
      if (!parsed.ok) return render(req, reply, { values, errors: parsed.errors, latin: values.latin });
      try {
        const r = await createPerson({ services, actor: req.actor, ...parsed.value, meta: requestMeta(req) });
        if (r.kind === 'created') return reply.redirect(`/persons/${r.id}?done=created`, 303);
        return render(req, reply, { values, latin: values.latin,
          confirmation: presentConfirmation(r.mismatches, r.similar, req.t, req.locale, parsed.value.input.rnokpp, r.similarBeyondReach) });
      } catch (err) {
        const shown = refusal(req, err);
        if (!shown) throw err;
        return render(req, reply, { values, latin: values.latin, ...shown });
      }
    });

    app.get('/persons/:id/edit', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = idParams.parse(req.params);
      const { person } = await getPerson({ services, actor: req.actor, id, meta: requestMeta(req), action: 'person.view.edit' });
      authorize(req.actor, 'registry.write', { hromadaId: req.actor.hromadaId!, districtId: person.district_id });
      return render(req, reply, { values: { ...personToForm(person), version: String(person.version) }, personId: id,
        personName: fullName(person) });
    });

    app.post('/persons/:id/edit', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = idParams.parse(req.params);
      const values = formBody(req.body);
      const name = [values.lastName, values.firstName].filter(Boolean).join(' ');
      const parsed = parsePersonForm(values, req.t, req.locale);
      if (!parsed.ok) return render(req, reply, { values, errors: parsed.errors, personId: id, personName: name });
      try {
        const r = await updatePerson({ services, actor: req.actor, id, patch: toPatch(parsed.value.input),
          version: /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined, confirm: parsed.value.confirm, meta: requestMeta(req) });
        if (r.kind === 'updated') return reply.redirect(`/persons/${id}?done=updated`, 303);
        return render(req, reply, { values, personId: id, personName: name,
          confirmation: presentConfirmation(r.mismatches, r.similar, req.t, req.locale, parsed.value.input.rnokpp, r.similarBeyondReach) });
      } catch (err) {
        const shown = refusal(req, err);
        if (!shown) throw err;
        return render(req, reply, { values, personId: id, personName: name, ...shown });
      }
    });
  };
}
