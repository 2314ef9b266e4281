import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { NO_ERRORS, orRerender, parseBody, parseParams, parseQuery, type FormErrors } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  answersBody,
  assessmentForm,
  assessmentParams,
  caseParams,
  doneQuery,
  newAssessmentQuery,
} from './assessments.schema.js';
import { formName, labelIn, presentAssessment, presentQuestions } from './assessments.presenter.js';
import { getAssessmentForm } from './use-cases/get-assessment-form.js';
import { completeAssessment } from './use-cases/complete-assessment.js';
import { viewAssessment } from './use-cases/view-assessment.js';

/** The assessment pages of a case: a new assessment with a form (rendered from its definition), a filled one. */
export function assessmentRoutes(services: Services) {
  async function renderNew(
    req: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    q: { code?: string; version?: number },
    values: Record<string, string | string[]> = {},
    errors: FormErrors = NO_ERRORS,
  ) {
    const v = await getAssessmentForm({ ...useCaseOf(req, services), caseId, ...q });
    const k = v.kase;
    noStore(reply);
    return reply.page(
      'assessments/views/new.njk',
      {
        pageTitle: v.form
          ? req.t('assessments.newTitleOf', { form: formName(v.form, req.locale) })
          : req.t('assessments.chooseTitle'),
        caseHref: `/cases/${k.id}`,
        caseNumber: k.number,
        subject: k.subject_name,
        form: v.form && {
          code: v.form.code,
          name: formName(v.form, req.locale),
          version: v.form.version,
          sections: presentQuestions(v.form.definition, values, errors.errors, req.t, req.locale),
        },
        values,
        action: `/cases/${k.id}/assessments`,
        choices: v.choices.map((f) => ({
          href: `/cases/${k.id}/assessments/new?form=${f.code}`,
          name: formName(f, req.locale),
        })),
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cases/:id/assessments/new', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const q = parseQuery(req, newAssessmentQuery);
      return renderNew(req, reply, id, { code: q.ok ? q.data.form : undefined });
    });

    app.post('/cases/:id/assessments', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const meta = parseBody(req, assessmentForm);
      const body = parseBody(req, answersBody);
      if (!meta.ok || !body.ok) throw new AppError('bad_request');
      const { form: code, version } = meta.data;
      const done = await orRerender(
        req,
        () =>
          completeAssessment({
            ...useCaseOf(req, services),
            caseId: id,
            code,
            version,
            body: body.data,
            labelOf: labelIn(req.locale),
          }),
        (errors) => renderNew(req, reply, id, { code, version }, body.data, errors),
      );
      return done.done ? reply.redirect(`/cases/${id}/assessments/${done.value.id}?done=completed`, 303) : done.reply;
    });

    app.get('/cases/:id/assessments/:aid', async (req, reply) => {
      authorize(req.actor, 'cases.read');
      const { id, aid } = parseParams(req, assessmentParams);
      const v = await viewAssessment({ ...useCaseOf(req, services), caseId: id, id: aid });
      const { done } = doneQuery.parse(req.query ?? {});
      const a = presentAssessment(v.assessment, v.definition, req.t, req.locale);
      noStore(reply);
      return reply.page('assessments/views/assessment.njk', {
        pageTitle: req.t('assessments.viewTitle', { form: a.form }),
        a,
        caseHref: `/cases/${v.kase.id}`,
        caseNumber: v.kase.number,
        subject: v.kase.subject_name,
        flash: done === 'completed' ? req.t('assessments.done.completed') : null,
      });
    });
    return Promise.resolve();
  };
}
