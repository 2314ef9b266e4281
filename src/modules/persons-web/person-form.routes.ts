import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import { isAppError, ValidationError } from '../../platform/errors.js';
import { getPerson } from '../persons/use-cases/get-person.js';
import { updatePerson } from '../persons/use-cases/update-person.js';
import { checkContactsHidden } from '../persons/use-cases/check-contacts-hidden.js';
import {
  NO_ERRORS,
  formErrors,
  formValues,
  type FormErrors,
  type FormValues as FormBody,
} from '../../platform/forms.js';
import { fillFromMrz, parsePersonForm, personToForm, toPatch } from './person-form.js';
import { idParams, newPersonQuery, registryHref } from './persons-web.schema.js';
import { fullName, presentConfirmation } from './persons-web.presenter.js';
import { createPerson } from './use-cases/create-person.js';
import { noStore } from '../../platform/http.js';
import { isUuid } from '../../platform/ids.js';
import { useCaseOf } from '../../platform/use-case.js';
import { dateToParts } from '../../platform/forms.js';
import { listPersonSettlements } from './use-cases/list-person-settlements.js';

interface FormState {
  values: FormBody;
  errors?: FormErrors;
  latin?: string;
  confirmation?: ReturnType<typeof presentConfirmation>;
  personId?: string;
  personName?: string;
  /** The person's address and contacts are hidden from the editor (known when the person was read). */
  contactsHidden?: boolean;
  status?: number;
}

/** Adding a person (with the ID card's MRZ and the confirmation step) and editing one. */
export function personFormRoutes(services: Services) {
  async function render(req: FastifyRequest, reply: FastifyReply, s: FormState) {
    // Only the settlements where this actor may place a person (a starosta: those of their district).
    const settlements = await listPersonSettlements(useCaseOf(req, services));
    const intake = s.values.then === 'intake' && !s.personId && can(req.actor, 'applications.register');
    const errors = s.errors ?? NO_ERRORS;
    // Editing a restricted case's subject from outside its team: the empty contact fields are hidden, kept as they are.
    const contactsHidden = s.personId
      ? (s.contactsHidden ?? (await checkContactsHidden({ ...useCaseOf(req, services), id: s.personId })))
      : false;
    const title = s.personId
      ? req.t('personsWeb.form.editTitle', { name: s.personName })
      : req.t('personsWeb.form.newTitle');
    noStore(reply);
    return reply.page(
      'persons-web/views/person-form.njk',
      {
        pageTitle: title,
        heading: title,
        values: s.values,
        ...errors,
        latin: s.latin,
        confirmation: s.confirmation,
        settlements,
        action: s.personId ? `/persons/${s.personId}/edit` : '/persons/new',
        editing: !!s.personId,
        personId: s.personId,
        contactsHidden,
        intake,
      },
      s.status ?? (errors.errorSummary.length ? 400 : 200),
    );
  }

  /** Refusals of the use-cases shown on the form: duplicates (409, with a link), stale versions, field rules. */
  function refusal(req: FastifyRequest, err: unknown): { errors: FormErrors; status: number } | null {
    if (!isAppError(err)) return null;
    const existingId = (err.details as { existingId?: string } | undefined)?.existingId;
    if (err.code === 'conflict') {
      const href = existingId ? `/persons/${existingId}` : '#lastName';
      const text = existingId
        ? `${req.t(err.messageKey)}. ${req.t('personsWeb.form.openExisting')}`
        : req.t(err.messageKey);
      return { errors: { errorSummary: [{ text, href }], errors: {} }, status: 409 };
    }
    if (err instanceof ValidationError) {
      const problems = err.problems.map((p) => ({ ...p, href: p.href ?? registryHref(p.field) }));
      return { errors: formErrors(req.t, problems), status: 400 };
    }
    return null;
  }

  return function (app: FastifyInstance) {
    app.get('/persons/new', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const query = newPersonQuery.parse(req.query ?? {});
      // Adding the applicant of an online application whose person is not confirmed: the form starts with what they typed.
      const forApplication = query.forApplication;
      if (isUuid(forApplication)) {
        const prefill = req.server.moduleHooks.all('applicantPrefill')[0];
        const a = prefill ? await prefill({ ...useCaseOf(req, services), id: forApplication }) : null;
        if (a) {
          return render(req, reply, {
            values: {
              forApplication,
              lastName: a.lastName,
              firstName: a.firstName,
              patronymic: a.patronymic ?? '',
              ...dateToParts('birthDate', a.birthDate),
              rnokpp: a.rnokpp ?? '',
              phone: a.phone ?? '',
            },
          });
        }
      }
      // Opened from the intake of an application: after adding the person, go back to it.
      const then = query.then === 'intake' ? 'intake' : undefined;
      return render(req, reply, { values: then ? { then } : {} });
    });

    app.post('/persons/new', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const values = formValues(req.body);
      if (values.action === 'mrz') {
        const filled = fillFromMrz(values, req.locale);
        return render(req, reply, {
          values: { ...filled.values, mrz: filled.errors.errorSummary.length ? values.mrz : '' },
          errors: filled.errors,
          latin: filled.latin,
        });
      }
      const parsed = parsePersonForm(values, req.t);
      if (!parsed.ok) return render(req, reply, { values, errors: parsed.errors, latin: values.latin });
      try {
        const r = await createPerson({ ...useCaseOf(req, services), ...parsed.value });
        if (r.kind === 'created') {
          // Back to the application the person was added for, to link them there.
          if (isUuid(values.forApplication)) {
            return await reply.redirect(`/applications/${values.forApplication}?done=personCreated#unconfirmed`, 303);
          }
          const backToIntake = values.then === 'intake' && can(req.actor, 'applications.register');
          return await reply.redirect(
            backToIntake ? `/applications/new?personId=${r.id}` : `/persons/${r.id}?done=created`,
            303,
          );
        }
        return await render(req, reply, {
          values,
          latin: values.latin,
          confirmation: presentConfirmation(
            r.mismatches,
            r.similar,
            req.t,
            req.locale,
            parsed.value.input.rnokpp,
            r.similarBeyondReach,
          ),
        });
      } catch (err) {
        const shown = refusal(req, err);
        if (!shown) throw err;
        return render(req, reply, { values, latin: values.latin, ...shown });
      }
    });

    app.get('/persons/:id/edit', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = idParams.parse(req.params);
      const { person } = await getPerson({ ...useCaseOf(req, services), id, action: 'person.view.edit' });
      authorize(req.actor, 'registry.write', { hromadaId: req.actor.hromadaId, districtId: person.district_id });
      return render(req, reply, {
        values: { ...personToForm(person), version: String(person.version) },
        personId: id,
        personName: fullName(person),
        contactsHidden: person.contacts_hidden,
      });
    });

    app.post('/persons/:id/edit', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = idParams.parse(req.params);
      const values = formValues(req.body);
      const name = [values.lastName, values.firstName].filter(Boolean).join(' ');
      const parsed = parsePersonForm(values, req.t);
      if (!parsed.ok) return render(req, reply, { values, errors: parsed.errors, personId: id, personName: name });
      try {
        const r = await updatePerson({
          ...useCaseOf(req, services),
          id,
          patch: toPatch(parsed.value.input),
          version: /^\d+$/.test(values.version ?? '') ? Number(values.version) : undefined,
          confirm: parsed.value.confirm,
        });
        if (r.kind === 'updated') return await reply.redirect(`/persons/${id}?done=updated`, 303);
        return await render(req, reply, {
          values,
          personId: id,
          personName: name,
          confirmation: presentConfirmation(
            r.mismatches,
            r.similar,
            req.t,
            req.locale,
            parsed.value.input.rnokpp,
            r.similarBeyondReach,
          ),
        });
      } catch (err) {
        const shown = refusal(req, err);
        if (!shown) throw err;
        return render(req, reply, { values, personId: id, personName: name, ...shown });
      }
    });
    return Promise.resolve();
  };
}
