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
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { planParams, REPORT_FIELDS, reportFileParams, reportForm, reportParams } from './action-plans.schema.js';
import { presentPlan } from './action-plans.presenter.js';
import { presentReport, presentReportFigures } from './report.presenter.js';
import { reportTitle } from './report.documents.js';
import { requestReport } from './use-cases/request-report.js';
import { viewPlan } from './use-cases/view-plan.js';
import { viewReport } from './use-cases/view-report.js';
import { openReportFile } from './use-cases/open-report-file.js';

const TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Monitoring reports of a plan: the form to ask for one, its page (progress, then figures) and its PDF and XLSX. */
export function planReportsRoutes(services: Services) {
  async function renderNew(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: FormValues,
    errors: FormErrors = NO_ERRORS,
  ) {
    const v = await viewPlan({ ...useCaseOf(req, services), id });
    const thisYear = Number(kyivToday().slice(0, 4));
    const from = v.plan.period_from ?? thisYear - 5;
    const to = Math.min(v.plan.period_to ?? thisYear, thisYear);
    const years = [];
    for (let y = to; y >= from; y--)
      years.push({ value: String(y), text: String(y), selected: values.year === String(y) });
    noStore(reply);
    return reply.page(
      'action-plans/views/report-new.njk',
      {
        pageTitle: req.t('plans.report.newTitle'),
        plan: presentPlan(v.plan, req.t),
        years,
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/action-plans/:id/reports/new', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      return renderNew(req, reply, id, { kind: 'annual' });
    });

    app.post('/action-plans/:id/reports', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderNew(req, reply, id, values, errors);
      const parsed = parseWith(reportForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: REPORT_FIELDS }));
      const done = await orRerender(
        req,
        () => requestReport({ ...useCaseOf(req, services), planId: id, input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${id}/reports/${done.value}`, 303);
    });

    app.get('/action-plans/:id/reports/:reportId', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const p = parseParams(req, reportParams);
      const v = await viewReport({ ...useCaseOf(req, services), planId: p.id, reportId: p.reportId });
      noStore(reply);
      return reply.page('action-plans/views/report.njk', {
        pageTitle: v.figures ? reportTitle(v.figures) : req.t('plans.report.pageTitle'),
        plan: presentPlan(v.plan, req.t),
        report: presentReport(v.report, req.t, p.id),
        figures: v.figures ? presentReportFigures(v.figures, req.t) : null,
        canManage: can(req.actor, 'plans.manage'),
      });
    });

    app.get('/action-plans/:id/reports/:reportId/report.:format', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const p = parseParams(req, reportFileParams);
      const r = await openReportFile({
        ...useCaseOf(req, services),
        planId: p.id,
        reportId: p.reportId,
        format: p.format,
      });
      noStore(reply);
      return reply
        .type(TYPES[p.format])
        .header(
          'content-disposition',
          `${p.format === 'pdf' ? 'inline' : 'attachment'}; filename="monitoring-${r.report.period}.${p.format}"`,
        )
        .send(r.body);
    });
  };
}
