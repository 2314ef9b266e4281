import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import { kyivToday } from '../../platform/dates.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  answersForm,
  assessmentParams,
  doneQuery,
  QUESTION_FIELDS,
  questionForm,
  questionParams,
  START_FIELDS,
  startForm,
} from './maturity.schema.js';
import { comparison, pct, percentages, scoresOf } from './maturity.presenter.js';
import { DOMAINS, SCORES } from './maturity.template.js';
import { listMaturity } from './use-cases/list-maturity.js';
import { startAssessment } from './use-cases/start-assessment.js';
import { viewAssessment } from './use-cases/view-assessment.js';
import { saveAssessment } from './use-cases/save-assessment.js';
import { editQuestion } from './use-cases/edit-question.js';

/** The digital-maturity self-assessment: institutions by year, an assessment's form and scores, the questionnaire. */
export function maturityRoutes(services: Services) {
  async function renderList(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FormErrors) {
    const v = await listMaturity(useCaseOf(req, services));
    const thisYear = Number(kyivToday().slice(0, 4));
    noStore(reply);
    return reply.page(
      'maturity/views/list.njk',
      {
        pageTitle: req.t('maturity.title'),
        institutions: v.institutions.map((i) => ({
          name: i.name,
          years: i.assessments.map((a) => ({
            href: `/maturity/assessments/${a.id}`,
            year: a.year,
            draft: a.status === 'draft',
            overall: pct(percentages(a.scores).overall),
          })),
        })),
        agencyItems: [
          { value: '', text: req.t('maturity.chooseAgency') },
          ...v.institutions.map((i) => ({
            value: String(i.id),
            text: i.name,
            selected: values.agencyId === String(i.id),
          })),
        ],
        yearItems: [0, 1, 2].map((k) => ({
          value: String(thisYear - k),
          text: String(thisYear - k),
          selected: values.year === String(thisYear - k),
        })),
        questionCount: v.questions.filter((q) => q.active).length,
        canManage: can(req.actor, 'maturity.manage'),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderAssessment(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    posted: FormValues | null,
    errors: FormErrors,
  ) {
    const v = await viewAssessment({ ...useCaseOf(req, services), id });
    const q = parseQuery(req, doneQuery);
    const answer = new Map(v.answers.map((a) => [a.question_id, a]));
    const editable = v.assessment.status === 'draft' && can(req.actor, 'maturity.manage');
    const now = scoresOf(v.questions, v.answers);
    noStore(reply);
    return reply.page(
      'maturity/views/assessment.njk',
      {
        pageTitle: req.t('maturity.assessmentTitle', { name: v.assessment.agency_name, year: v.assessment.year }),
        a: v.assessment,
        editable,
        submitted: v.assessment.status === 'submitted',
        domains: DOMAINS.map((d, i) => ({
          key: d,
          title: req.t(`maturity.domain.${d}`),
          score: pct(now.byDomain[i]),
          questions: v.questions
            .filter((x) => x.domain === d)
            .map((x) => {
              const given = posted ? posted[`q${x.id}`] : answer.get(x.id)?.score?.toString();
              return {
                id: x.id,
                text: x.text,
                inactive: !x.active,
                score: answer.get(x.id)?.score ?? null,
                comment: posted ? (posted[`c${x.id}`] ?? '') : (answer.get(x.id)?.comment ?? ''),
                items: SCORES.map((s) => ({
                  value: String(s),
                  text: `${s} — ${req.t(`maturity.scale.${s}`)}`,
                  checked: given === String(s),
                })),
                error: errors.errors[`q${x.id}`],
              };
            }),
        })),
        overall: pct(now.overall),
        compare: comparison(req.t, v.years),
        done: q.ok ? q.data.done : undefined,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderQuestions(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FormErrors) {
    const v = await listMaturity(useCaseOf(req, services));
    const q = parseQuery(req, doneQuery);
    noStore(reply);
    return reply.page(
      'maturity/views/questions.njk',
      {
        pageTitle: req.t('maturity.questionsTitle'),
        domains: DOMAINS.map((d) => ({
          key: d,
          title: req.t(`maturity.domain.${d}`),
          questions: v.questions.filter((x) => x.domain === d),
        })),
        domainItems: DOMAINS.map((d) => ({
          value: d,
          text: req.t(`maturity.domain.${d}`),
          selected: values.domain === d,
        })),
        values,
        canManage: can(req.actor, 'maturity.manage'),
        done: q.ok ? q.data.done : undefined,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/maturity', async (req, reply) => {
      authorize(req.actor, 'maturity.read');
      return renderList(req, reply, {}, NO_ERRORS);
    });

    app.post('/maturity/assessments', async (req, reply) => {
      authorize(req.actor, 'maturity.manage');
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderList(req, reply, values, errors);
      const parsed = parseWith(startForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: START_FIELDS }));
      const done = await orRerender(req, () => startAssessment({ ...useCaseOf(req, services), ...parsed.data }), show);
      if (!done.done) return done.reply;
      return reply.redirect(`/maturity/assessments/${done.value}`, 303);
    });

    app.get('/maturity/assessments/:id', async (req, reply) => {
      authorize(req.actor, 'maturity.read');
      const { id } = parseParams(req, assessmentParams);
      return renderAssessment(req, reply, id, null, NO_ERRORS);
    });

    app.post('/maturity/assessments/:id', async (req, reply) => {
      authorize(req.actor, 'maturity.manage');
      const { id } = parseParams(req, assessmentParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderAssessment(req, reply, id, values, errors);
      const parsed = parseWith(answersForm, req.body);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const done = await orRerender(
        req,
        () => saveAssessment({ ...useCaseOf(req, services), id, ...parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/maturity/assessments/${id}?done=${parsed.data.submit ? 'submitted' : 'saved'}`, 303);
    });

    app.get('/maturity/questions', async (req, reply) => {
      authorize(req.actor, 'maturity.read');
      return renderQuestions(req, reply, {}, NO_ERRORS);
    });

    app.post('/maturity/questions', async (req, reply) => {
      authorize(req.actor, 'maturity.manage');
      const values = formValues(req.body);
      const parsed = parseWith(questionForm, { ...values, active: 'yes' });
      if (!parsed.ok)
        return renderQuestions(req, reply, values, formErrors(req.t, parsed.problems, { order: QUESTION_FIELDS }));
      await editQuestion({ ...useCaseOf(req, services), id: null, input: parsed.data });
      return reply.redirect(`/maturity/questions?done=added#domain-${parsed.data.domain}`, 303);
    });

    app.post('/maturity/questions/:id', async (req, reply) => {
      authorize(req.actor, 'maturity.manage');
      const p = parseParams(req, questionParams);
      const values = formValues(req.body);
      const parsed = parseWith(questionForm, { ...values, active: values.active ?? '' });
      if (!parsed.ok) return renderQuestions(req, reply, values, formErrors(req.t, parsed.problems));
      await editQuestion({ ...useCaseOf(req, services), id: p.id, input: parsed.data });
      return reply.redirect(`/maturity/questions?done=updated#domain-${parsed.data.domain}`, 303);
    });
  };
}
