import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import {
  field,
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { ACCESS_MINUTES } from './access.queries.js';
import { caseParams } from './cases.schema.js';
import { giveAccessReason } from './use-cases/give-access-reason.js';
import { breakGlass } from './use-cases/break-glass.js';

const reasonForm = z.object({
  reason: field.text().pipe(z.string().min(3, 'cases.v.accessReason').max(2000, 'cases.v.reasonLong')),
});
const glassForm = z.object({
  number: field.text().pipe(z.string().regex(/^В-\d{4}-\d{6}$/, 'cases.v.caseNumber')),
  reason: field.text().pipe(z.string().min(3, 'cases.v.accessReason').max(2000, 'cases.v.reasonLong')),
});

/** The reason asked before a restricted case's page opens (the case's number only, nothing else of it). */
export function renderReason(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  number: string,
  values: FormValues = {},
  errors: FormErrors = NO_ERRORS,
) {
  noStore(reply);
  return reply.page(
    'cases/views/case-reason.njk',
    {
      pageTitle: req.t('cases.access.title', { number }),
      caseId: id,
      number,
      minutes: ACCESS_MINUTES,
      values,
      errors: errors.errors,
      errorSummary: errors.errorSummary,
    },
    errors.errorSummary.length ? 400 : 200,
  );
}

/** Opening a restricted case with a reason, and a manager's «break the glass». */
export function accessRoutes(services: Services) {
  function renderGlass(req: FastifyRequest, reply: FastifyReply, values: FormValues = {}, errors = NO_ERRORS) {
    noStore(reply);
    return reply.page(
      'cases/views/break-glass.njk',
      {
        pageTitle: req.t('cases.access.glassTitle'),
        minutes: ACCESS_MINUTES,
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.post('/cases/:id/access', async (req, reply) => {
      authorize(req.actor, 'cases.read');
      const { id } = parseParams(req, caseParams);
      const values = formValues(req.body);
      const form = parseWith(reasonForm, values);
      if (!form.ok) {
        const number = typeof values.number === 'string' ? values.number : '';
        return renderReason(req, reply, id, number, values, formErrors(req.t, form.problems));
      }
      await giveAccessReason({ ...useCaseOf(req, services), id, reason: form.data.reason });
      return reply.redirect(`/cases/${id}`, 303);
    });

    app.get('/cases/break-glass', (req, reply) => {
      authorize(req.actor, 'cases.supervise');
      return renderGlass(req, reply);
    });

    app.post('/cases/break-glass', async (req, reply) => {
      authorize(req.actor, 'cases.supervise');
      const values = formValues(req.body);
      const fail = (errors: FormErrors) => renderGlass(req, reply, values, errors);
      const form = parseWith(glassForm, values);
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(
        req,
        () =>
          breakGlass({
            ...useCaseOf(req, services),
            ...form.data,
            taskTitle: (who) => req.t('cases.access.glassTask', { who }),
          }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${done.value}`, 303) : done.reply;
    });
    return Promise.resolve();
  };
}
