import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { displayDate, kyivToday } from '../../platform/dates.js';
import {
  dateHref,
  formErrors,
  formValues,
  NO_ERRORS,
  oneError,
  orRerender,
  parseBody,
  parseQuery,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import { doneQuery } from './applications.schema.js';
import type { StoredCalendar } from './calendar.queries.js';
import { dayForm, editableYears, martialLawForm, removeForm, yearQuery } from './calendar.schema.js';
import { addCalendarDay } from './use-cases/add-calendar-day.js';
import { getCalendar } from './use-cases/get-calendar.js';
import { removeCalendarDay } from './use-cases/remove-calendar-day.js';
import { setMartialLaw } from './use-cases/set-martial-law.js';
import { holidaysOf, orthodoxEaster, trinity } from './working-days.js';

const C = 'applications.calendar.';
const weekday = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'uk-UA', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** The year's own days of the hromada and, for reference, the public holidays (KZpP art. 73). */
function presentYear(cal: StoredCalendar, year: number, t: TFunction, locale: string) {
  const own = [
    ...cal.extraHolidays.map((d) => ({ d, kind: 'holiday' })),
    ...cal.extraWorkingDays.map((d) => ({ d, kind: 'working' })),
  ]
    .filter((x) => x.d.startsWith(`${year}-`))
    .sort((a, b) => a.d.localeCompare(b.d));
  const statutoryName = (d: string) =>
    t(`${C}statutory.${d === orthodoxEaster(year) ? 'easter' : d === trinity(year) ? 'trinity' : d.slice(5)}`);
  return {
    days: own.map(({ d, kind }) => ({
      iso: d,
      date: displayDate(d),
      weekday: weekday(d, locale),
      name: cal.names[d] ?? '',
      kind: t(`${C}kinds.${kind}`),
      removeHref: `/working-calendar/days/remove?date=${d}`,
    })),
    statutory: holidaysOf(year).map((d) => ({
      date: displayDate(d),
      weekday: weekday(d, locale),
      name: statutoryName(d),
    })),
  };
}

/** Pages of the hromada's working-day calendar (managers and administrators). */
export function calendarRoutes(services: Services) {
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    form: { errors?: FormErrors; values?: FormValues } = {},
  ) {
    const cal = await getCalendar(useCaseOf(req, services));
    const today = kyivToday();
    const q = parseQuery(req, doneQuery);
    const done = q.ok ? q.data.done : undefined;
    const errors = form.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'applications/views/calendar.njk',
      {
        pageTitle: req.t(`${C}title`),
        year,
        martialLaw: cal.martialLaw,
        years: editableYears(today).map((y) => ({ value: String(y), text: String(y), selected: y === year })),
        ...presentYear(cal, year, req.t, req.locale),
        values: form.values ?? {},
        ...errors,
        flash:
          typeof done === 'string' && ['added', 'removed', 'martialLaw'].includes(done)
            ? req.t(`${C}done.${done}`)
            : null,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** The year the page showed when the form was posted. */
  const shownYear = (req: FastifyRequest, today: string) => yearQuery(today).parse(req.body ?? {}).year;

  return function (app: FastifyInstance) {
    app.get('/working-calendar', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      return page(req, reply, yearQuery(kyivToday()).parse(req.query ?? {}).year);
    });

    app.post('/working-calendar/days', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const today = kyivToday();
      const year = shownYear(req, today);
      const values = formValues(req.body);
      const toDay = dateHref(['date']);
      const parsed = parseBody(req, dayForm(today), toDay);
      if (!parsed.ok) return page(req, reply, year, { values, errors: formErrors(req.t, parsed.problems) });
      const done = await orRerender(
        req,
        () => addCalendarDay({ ...useCaseOf(req, services), day: parsed.data }),
        (_e, problems) =>
          page(req, reply, year, {
            values,
            errors: formErrors(
              req.t,
              problems.map((p) => ({ ...p, field: 'date', href: toDay('date') })),
            ),
          }),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/working-calendar?year=${parsed.data.date.slice(0, 4)}&done=added`, 303);
    });

    app.get('/working-calendar/days/remove', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const q = parseQuery(req, removeForm);
      if (!q.ok) throw new AppError('not_found');
      const { date } = q.data;
      const cal = await getCalendar(useCaseOf(req, services));
      const kind = cal.extraHolidays.includes(date)
        ? 'holiday'
        : cal.extraWorkingDays.includes(date)
          ? 'working'
          : null;
      if (!kind) throw new AppError('not_found');
      noStore(reply);
      return reply.page('applications/views/calendar-remove.njk', {
        pageTitle: req.t(`${C}remove.title`),
        iso: date,
        date: displayDate(date),
        name: cal.names[date] ?? '',
        kind: req.t(`${C}kinds.${kind}`),
        year: date.slice(0, 4),
      });
    });

    app.post('/working-calendar/days/remove', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const b = parseBody(req, removeForm);
      if (!b.ok) throw new AppError('bad_request');
      await removeCalendarDay({ ...useCaseOf(req, services), date: b.data.date });
      return reply.redirect(`/working-calendar?year=${b.data.date.slice(0, 4)}&done=removed`, 303);
    });

    app.post('/working-calendar/martial-law', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const parsed = parseBody(req, martialLawForm);
      const year = shownYear(req, kyivToday());
      if (!parsed.ok) {
        return page(req, reply, year, {
          values: formValues(req.body),
          errors: oneError(req.t, 'martialLaw', `${C}v.martialLawRequired`),
        });
      }
      await setMartialLaw({ ...useCaseOf(req, services), martialLaw: parsed.data.martialLaw === 'on' });
      return reply.redirect(`/working-calendar?year=${year}&done=martialLaw`, 303);
    });
    return Promise.resolve();
  };
}
