import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { caseParams } from './cases.schema.js';
import { planFormOptions, planFormRows, planFormValues } from './plan.presenter.js';
import { placePlanProblems, readPlanForm } from './plan.schema.js';
import { getPlanForm } from './use-cases/get-plan-form.js';
import { savePlan } from './use-cases/save-plan.js';

/** The individual plan's form: `/cases/:id/plan` (the case page shows the plan and its approval). */
export function planRoutes(services: Services) {
  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    x: { values?: FormValues; errors?: FormErrors; conflict?: boolean } = {},
  ) {
    const f = await getPlanForm({ ...useCaseOf(req, services), id });
    // After a conflict the form shows the other worker's plan as it is now, with its current version.
    const values = x.values ?? planFormValues(f.plan, f.items);
    const errors = x.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'cases/views/case-plan.njk',
      {
        pageTitle: req.t('cases.plan.formTitle', { number: f.row.number }),
        k: { id: f.row.id, number: f.row.number, subject: f.row.subject_name },
        values,
        rows: planFormRows(values, f.items),
        ...planFormOptions(req.t, f),
        conflict: x.conflict
          ? req.t('cases.plan.errors.conflict', { by: f.plan?.updated_by_name ?? '', version: f.plan?.version ?? 0 })
          : null,
        errorSummary: errors.errorSummary,
        errors: errors.errors,
      },
      x.conflict ? 409 : errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cases/:id/plan', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      return renderForm(req, reply, parseParams(req, caseParams).id);
    });

    app.post('/cases/:id/plan', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const values = formValues(req.body);
      const form = readPlanForm(values);
      if (!form.ok) return renderForm(req, reply, id, { values, errors: formErrors(req.t, form.problems) });
      const save = async () => {
        try {
          return await orRerender(
            req,
            () => savePlan({ ...useCaseOf(req, services), id, input: form.input }),
            (_e, problems) =>
              renderForm(req, reply, id, {
                values,
                errors: formErrors(req.t, placePlanProblems(problems, form.rows)),
              }),
          );
        } catch (e) {
          // Another worker saved the plan meanwhile: show theirs, nothing of it overwritten.
          if (e instanceof AppError && e.messageKey === 'cases.plan.errors.stale')
            return { done: false as const, reply: await renderForm(req, reply, id, { conflict: true }) };
          throw e;
        }
      };
      const done = await save();
      return done.done ? reply.redirect(`/cases/${id}?done=planSaved#plan`, 303) : done.reply;
    });
    return Promise.resolve();
  };
}
