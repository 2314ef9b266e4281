import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { requestMeta } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { addDays, displayDate, kyivToday } from '../../platform/dates.js';
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
  reportPeriod,
} from '../../platform/forms.js';
import { formatDateTime } from '../../platform/i18n.js';
import { noStore } from '../../platform/http.js';
import { authorize } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  callForm,
  commandForm,
  consoleQuery,
  issueForm,
  kioskForm,
  queueParams,
  ticketParams,
} from './appointments.schema.js';
import { commandsFor, ticketCode } from './queue-machine.js';
import type { TicketRow } from './queue.queries.js';
import { getKiosk } from './use-cases/get-kiosk.js';
import { takeTicket } from './use-cases/take-ticket.js';
import { getQueueConsole } from './use-cases/get-queue-console.js';
import { issueStaffTicket } from './use-cases/issue-staff-ticket.js';
import { callNext } from './use-cases/call-next-ticket.js';
import { commandTicket } from './use-cases/command-ticket.js';
import { getQueueStats } from './use-cases/get-queue-stats.js';

/** How often the screen page reloads itself where JavaScript is off (seconds). */
const SCREEN_REFRESH_S = 10;

const time = (d: Date | null) => (d ? formatDateTime(d).slice(-5) : '');

/**
 * The electronic queue of an office: the kiosk where a visitor takes a ticket and the screen of called tickets (both
 * public, nothing personal), a window's console for staff (call next, recall, start, served, not come, send on) and
 * the waiting and service times per service and hour.
 */
export function queueRoutes(services: Services) {
  async function renderKiosk(
    req: FastifyRequest,
    reply: FastifyReply,
    officeId: string,
    values: FormValues,
    errors: FormErrors,
  ) {
    const v = await getKiosk({ services, officeId });
    noStore(reply);
    return reply.page(
      'appointments/views/kiosk.njk',
      {
        pageTitle: req.t('appointments.queue.kioskTitle', { office: v.office.name }),
        office: v.office,
        serviceItems: v.services.map((s) => ({
          value: s.service_id,
          text: s.name,
          checked: values.serviceId === s.service_id,
        })),
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  const presentTicket = (t: TicketRow) => ({
    id: t.id,
    code: ticketCode(t.letter, t.number),
    service: t.service_name,
    status: t.status,
    window: t.window_no,
    booked: t.appointment_start,
    taken: time(t.taken_at),
    called: time(t.called_at),
    calls: t.calls,
    commands: commandsFor(t.status),
  });

  async function renderConsole(
    req: FastifyRequest,
    reply: FastifyReply,
    officeId: string,
    window: number,
    errors: FormErrors,
  ) {
    const v = await getQueueConsole({ ...useCaseOf(req, services), officeId, window });
    const q = parseQuery(req, consoleQuery);
    const waiting = v.tickets.filter((t) => t.status === 'waiting');
    noStore(reply);
    return reply.page(
      'appointments/views/console.njk',
      {
        pageTitle: req.t('appointments.queue.consoleTitle', { office: v.office.name }),
        office: v.office,
        window: v.window,
        windowItems: Array.from({ length: v.office.windows }, (_, i) => ({
          value: String(i + 1),
          text: req.t('appointments.queue.windowN', { n: i + 1 }),
          selected: i + 1 === v.window,
        })),
        otherWindows: Array.from({ length: v.office.windows }, (_, i) => i + 1)
          .filter((n) => n !== v.window)
          .map((n) => ({ value: String(n), text: req.t('appointments.queue.windowN', { n }) })),
        current: v.current ? presentTicket(v.current) : null,
        waiting: waiting.map(presentTicket),
        done: v.tickets.filter((t) => t.status === 'served' || t.status === 'no_show').length,
        serviceItems: [
          { value: '', text: req.t('appointments.chooseService') },
          ...v.services.map((s) => ({ value: s.service_id, text: s.name })),
        ],
        bookingItems: [
          { value: '', text: req.t('appointments.queue.noBookingChosen') },
          ...v.bookings.map((b) => ({
            value: b.id,
            text: `${b.start} — ${b.service_name}${b.contact_name ? `, ${b.contact_name}` : ''}`,
          })),
        ],
        doneBanner: q.ok ? q.data.done : undefined,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    // The kiosk and the screen are public: a visitor at the office, a TV in the hall.
    app.get('/queue/:officeId', async (req, reply) => {
      const { officeId } = parseParams(req, queueParams);
      return renderKiosk(req, reply, officeId, {}, NO_ERRORS);
    });

    app.post('/queue/:officeId/tickets', async (req, reply) => {
      const { officeId } = parseParams(req, queueParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderKiosk(req, reply, officeId, values, errors);
      const parsed = parseWith(kioskForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () => takeTicket({ services, officeId, ...parsed.data, meta: requestMeta(req) }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/queue/${officeId}/tickets/${r.value}`, 303);
    });

    app.get('/queue/:officeId/tickets/:id', async (req, reply) => {
      const { officeId, id } = parseParams(req, ticketParams);
      const v = await getKiosk({ services, officeId, ticketId: id });
      if (!v.ticket) throw new Error('a ticket page has its ticket');
      noStore(reply);
      return reply.page('appointments/views/ticket.njk', {
        pageTitle: req.t('appointments.queue.ticketTitle'),
        office: v.office,
        ticket: presentTicket(v.ticket),
        ahead: v.ahead,
        date: displayDate(kyivToday()),
      });
    });

    app.get('/queue/:officeId/screen', async (req, reply) => {
      const { officeId } = parseParams(req, queueParams);
      const v = await getKiosk({ services, officeId });
      noStore(reply);
      return reply.page('appointments/views/screen.njk', {
        pageTitle: req.t('appointments.queue.screenTitle', { office: v.office.name }),
        office: v.office,
        refresh: SCREEN_REFRESH_S,
        called: v.called.map((t) => ({ code: ticketCode(t.letter, t.number), window: t.window_no, calls: t.calls })),
      });
    });

    app.get('/queue/:officeId/screen.json', async (req, reply) => {
      const { officeId } = parseParams(req, queueParams);
      const v = await getKiosk({ services, officeId });
      noStore(reply);
      return reply.send({
        called: v.called.map((t) => ({
          code: ticketCode(t.letter, t.number),
          window: t.window_no,
          calls: t.calls,
          at: t.called_at.toISOString(),
        })),
      });
    });

    app.get('/queue/:officeId/console', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { officeId } = parseParams(req, queueParams);
      const q = parseQuery(req, consoleQuery);
      return renderConsole(req, reply, officeId, (q.ok && q.data.window) || 1, NO_ERRORS);
    });

    app.post('/queue/:officeId/console/call', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { officeId } = parseParams(req, queueParams);
      const parsed = parseWith(callForm, req.body);
      if (!parsed.ok) throw new AppError('bad_request');
      const { window } = parsed.data;
      const id = await callNext({ ...useCaseOf(req, services), officeId, window });
      return reply.redirect(`/queue/${officeId}/console?window=${window}&done=${id ? 'called' : 'nobody'}`, 303);
    });

    app.post('/queue/:officeId/console/issue', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { officeId } = parseParams(req, queueParams);
      const values = formValues(req.body);
      const window = Number(values.window) || 1;
      const show = (errors: FormErrors) => renderConsole(req, reply, officeId, window, errors);
      const parsed = parseWith(issueForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () => issueStaffTicket({ ...useCaseOf(req, services), officeId, ...parsed.data }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/queue/${officeId}/console?window=${window}&done=issued`, 303);
    });

    app.post('/queue/:officeId/tickets/:id/command', async (req, reply) => {
      authorize(req.actor, 'appointments.book');
      const { officeId, id } = parseParams(req, ticketParams);
      const values = formValues(req.body);
      const window = Number(values.window) || 1;
      const show = (errors: FormErrors) => renderConsole(req, reply, officeId, window, errors);
      const parsed = parseWith(commandForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await orRerender(
        req,
        () =>
          commandTicket({
            ...useCaseOf(req, services),
            officeId,
            ticketId: id,
            command: parsed.data.command,
            to: parsed.data.to ?? null,
          }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/queue/${officeId}/console?window=${parsed.data.window}&done=done`, 303);
    });

    app.get('/queue/:officeId/stats', async (req, reply) => {
      authorize(req.actor, 'appointments.read');
      const { officeId } = parseParams(req, queueParams);
      const { from, to, values, problems } = reportPeriod(req.query, (end) => addDays(end, -6));
      const v = await getQueueStats({ ...useCaseOf(req, services), officeId, from, to });
      const errors = formErrors(req.t, problems, { order: ['from', 'to'] });
      noStore(reply);
      return reply.page(
        'appointments/views/queue-stats.njk',
        {
          pageTitle: req.t('appointments.queue.statsTitle', { office: v.office.name }),
          office: v.office,
          values,
          errors: errors.errors,
          errorSummary: errors.errorSummary,
          period: `${displayDate(from)} – ${displayDate(to)}`,
          rows: v.rows.map((r) => ({
            ...r,
            hourText: `${String(r.hour).padStart(2, '0')}:00–${String(r.hour + 1).padStart(2, '0')}:00`,
          })),
          totals: {
            tickets: v.rows.reduce((n, r) => n + r.tickets, 0),
            served: v.rows.reduce((n, r) => n + r.served, 0),
            noShow: v.rows.reduce((n, r) => n + r.no_show, 0),
          },
        },
        problems.length ? 400 : 200,
      );
    });
  };
}
