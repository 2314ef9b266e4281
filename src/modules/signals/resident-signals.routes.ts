import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { URGENCIES } from './signal-rules.js';
import { reportedQuery, residentReportForm } from './signals.schema.js';
import { reportSignal } from './use-cases/report-signal.js';

const ORDER = ['about', 'subjectName', 'subjectAge', 'place', 'observed', 'urgency', 'contact'] as const;

/** A resident's own report about a person at risk, from the cabinet (`/cabinet/signals/new`). */
export function residentSignalRoutes(services: Services) {
  const resident = (req: FastifyRequest) => {
    if (!req.actor || req.actor.kind !== 'resident') throw new AppError('unauthenticated');
  };
  const render = (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors = NO_ERRORS) => {
    const { reported } = reportedQuery.parse(req.query ?? {});
    noStore(reply);
    return reply.page(
      'signals/views/report.njk',
      {
        pageTitle: req.t('signals.resident.title'),
        reported: reported ?? null,
        urgencies: URGENCIES.map((u) => ({
          value: u,
          text: req.t(`signals.resident.urgency.${u}`),
        })),
        values: { urgency: 'normal', ...values },
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  };

  return function (app: FastifyInstance) {
    app.get('/cabinet/signals/new', async (req, reply) => {
      resident(req);
      return render(req, reply, {});
    });

    app.post('/cabinet/signals', async (req, reply) => {
      resident(req);
      const values = formValues(req.body);
      const form = parseWith(residentReportForm, values);
      const show = (errors: FormErrors) => render(req, reply, values, errors);
      if (!form.ok) return show(formErrors(req.t, form.problems, { order: ORDER }));
      const done = await orRerender(req, () => reportSignal({ ...useCaseOf(req, services), input: form.data }), show);
      if (!done.done) return done.reply;
      return reply.redirect(`/cabinet/signals/new?reported=${encodeURIComponent(done.value.number)}`, 303);
    });
    return Promise.resolve();
  };
}
