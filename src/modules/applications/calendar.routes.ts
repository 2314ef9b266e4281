import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { dateFromParts, displayDate, formBody, formErrors, NO_ERRORS, zodProblems, type FormBody, type FormErrors } from '../persons-web/form.js';
import type { StoredCalendar } from './calendar.queries.js';
import { dayForm, editableYears, martialLawForm, removeForm, yearQuery } from './calendar.schema.js';
import { addCalendarDay, getCalendar, removeCalendarDay, setMartialLaw } from './use-cases/edit-calendar.js';
import { holidaysOf, kyivToday, orthodoxEaster, trinity } from './working-days.js';
import { requestMeta } from '../../platform/audit.js';

const C = 'applications.calendar.';
const weekday = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'uk-UA', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** The year's own days of the hromada and, for reference, the public holidays (KZpP art. 73). */
function presentYear(cal: StoredCalendar, year: number, t: TFunction, locale: string) {
  const own = [...cal.extraHolidays.map((d) => ({ d, kind: 'holiday' })), ...cal.extraWorkingDays.map((d) => ({ d, kind: 'working' }))]
    .filter((x) => x.d.startsWith(`${year}-`)).sort((a, b) => a.d.localeCompare(b.d));
  const statutoryName = (d: string) => t(`${C}statutory.${d === orthodoxEaster(year) ? 'easter' : d === trinity(year) ? 'trinity' : d.slice(5)}`);
  return {
    days: own.map(({ d, kind }) => ({
      iso: d, date: displayDate(d), weekday: weekday(d, locale), name: cal.names[d] ?? '', kind: t(`${C}kinds.${kind}`),
      removeHref: `/working-calendar/days/remove?date=${d}`,
    })),
    statutory: holidaysOf(year).map((d) => ({ date: displayDate(d), weekday: weekday(d, locale), name: statutoryName(d) })),
  };
}

/** Pages of the hromada's working-day calendar (managers and administrators). */
export function calendarRoutes(services: Services) {
  async function page(req: FastifyRequest, reply: FastifyReply, year: number,
    form: { errors?: FormErrors; values?: FormBody } = {}) {
    const cal = await getCalendar({ services, actor: req.actor });
    const today = kyivToday();
    const done = (req.query as Record<string, unknown> | undefined)?.done;
    const errors = form.errors ?? NO_ERRORS;
    return reply.header('cache-control', 'no-store').page('applications/views/calendar.njk', {
      pageTitle: req.t(`${C}title`), year, martialLaw: cal.martialLaw,
      years: editableYears(today).map((y) => ({ value: String(y), text: String(y), selected: y === year })),
      ...presentYear(cal, year, req.t, req.locale),
      values: form.values ?? {}, ...errors,
      flash: typeof done === 'string' && ['added', 'removed', 'martialLaw'].includes(done) ? req.t(`${C}done.${done}`) : null,
    }, errors.errorSummary.length ? 400 : 200);
  }

  return async function (app: FastifyInstance) {
    app.get('/working-calendar', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      return page(req, reply, yearQuery(kyivToday()).parse(req.query ?? {}).year);
    });

    app.post('/working-calendar/days', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const b = formBody(req.body);
      const today = kyivToday();
      const parsed = dayForm(today).safeParse({ date: dateFromParts(b, 'date') ?? '', name: b.name ?? '', kind: b.kind ?? '' });
      const shownYear = yearQuery(today).parse({ year: b.year }).year;
      if (!parsed.success) {
        const problems = zodProblems(parsed.error, req.t, req.locale).map((p) => (p.field === 'date' ? { ...p, href: '#date-day' } : p));
        return page(req, reply, shownYear, { values: b, errors: formErrors(problems) });
      }
      try {
        await addCalendarDay({ services, actor: req.actor, day: parsed.data, meta: requestMeta(req) });
      } catch (err) {
        if (!isAppError(err) || err.code !== 'validation') throw err;
        return page(req, reply, shownYear, { values: b, errors: formErrors([{ field: 'date', text: req.t(err.messageKey), href: '#date-day' }]) });
      }
      return reply.redirect(`/working-calendar?year=${parsed.data.date.slice(0, 4)}&done=added`, 303);
    });

    app.get('/working-calendar/days/remove', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const q = removeForm.safeParse(req.query ?? {});
      if (!q.success) throw new AppError('not_found');
      const cal = await getCalendar({ services, actor: req.actor });
      const kind = cal.extraHolidays.includes(q.data.date) ? 'holiday' : cal.extraWorkingDays.includes(q.data.date) ? 'working' : null;
      if (!kind) throw new AppError('not_found');
      return reply.header('cache-control', 'no-store').page('applications/views/calendar-remove.njk', {
        pageTitle: req.t(`${C}remove.title`), iso: q.data.date, date: displayDate(q.data.date), name: cal.names[q.data.date] ?? '',
        kind: req.t(`${C}kinds.${kind}`), year: q.data.date.slice(0, 4),
      });
    });

    app.post('/working-calendar/days/remove', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const b = removeForm.safeParse(formBody(req.body));
      if (!b.success) throw new AppError('bad_request');
      await removeCalendarDay({ services, actor: req.actor, date: b.data.date, meta: requestMeta(req) });
      return reply.redirect(`/working-calendar?year=${b.data.date.slice(0, 4)}&done=removed`, 303);
    });

    app.post('/working-calendar/martial-law', async (req, reply) => {
      authorize(req.actor, 'calendar.manage');
      const b = formBody(req.body);
      const parsed = martialLawForm.safeParse(b);
      const year = yearQuery(kyivToday()).parse({ year: b.year }).year;
      if (!parsed.success) {
        return page(req, reply, year, { values: b, errors: formErrors([{ field: 'martialLaw', text: req.t(`${C}v.martialLawRequired`) }]) });
      }
      await setMartialLaw({ services, actor: req.actor, martialLaw: parsed.data.martialLaw === 'on', meta: requestMeta(req) });
      return reply.redirect(`/working-calendar?year=${year}&done=martialLaw`, 303);
    });
  };
}

