import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import {
  dateFromParts,
  dateHref,
  dateToParts,
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
import { kyivToday } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { ORDER_STATUSES, serviceRowNumbers } from './contract-rules.js';
import {
  announceForm,
  awardForm,
  bidForm,
  closeOrderForm,
  doneQuery,
  ORDER_FIELDS,
  orderForm,
  orderParams,
  ordersQuery,
} from './contracts.schema.js';
import { presentBid, presentOrder, unitOptions } from './contracts.presenter.js';
import { listSocialOrders, ORDERS_PAGE_SIZE } from './use-cases/list-social-orders.js';
import { getOrderForm } from './use-cases/get-order-form.js';
import { createSocialOrder } from './use-cases/create-social-order.js';
import { viewSocialOrder } from './use-cases/view-social-order.js';
import { announceProcurement } from './use-cases/announce-procurement.js';
import { addBid } from './use-cases/add-bid.js';
import { awardSocialOrder } from './use-cases/award-social-order.js';
import { closeSocialOrder } from './use-cases/close-social-order.js';

const DONE = ['created', 'announced', 'bid', 'awarded', 'closed'] as const;
type FormName = 'announce' | 'bid' | 'award' | 'close';
const ORDER_DATES = ['startsOn', 'endsOn'];

/** Social orders of the hromada: the list, a new order, an order's page with its procurement steps. */
export function socialOrderRoutes(services: Services) {
  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors = NO_ERRORS) {
    const f = await getOrderForm(useCaseOf(req, services));
    noStore(reply);
    return reply.page(
      'contracts/views/order-new.njk',
      {
        pageTitle: req.t('contracts.orderNewTitle'),
        serviceItems: [{ value: '', text: req.t('contracts.chooseService') }].concat(
          f.services.map((s) => ({ value: s.id, text: s.name })),
        ),
        units: unitOptions(req.t),
        rows: serviceRowNumbers(),
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderOrder(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form?: { name: FormName; values: FormValues; errors: FormErrors },
  ) {
    const v = await viewSocialOrder({ ...useCaseOf(req, services), id });
    const { done } = doneQuery.parse(req.query ?? {});
    const errors = form?.errors ?? NO_ERRORS;
    const today = kyivToday();
    const of = (name: FormName) => (form?.name === name ? errors.errors : {});
    const valuesOf = (name: FormName, fallback: FormValues) => (form?.name === name ? form.values : fallback);
    noStore(reply);
    return reply.page(
      'contracts/views/order.njk',
      {
        pageTitle: req.t('contracts.orderTitle', { number: v.order.number }),
        o: presentOrder(v.order, v.lines, req.t),
        status: v.order.status,
        bids: v.bids.map((b) => presentBid(b, v.order.winner_bid_id)),
        bidItems: v.bids.map((b) => ({ value: b.id, text: `${b.bidder_name} (${b.bidder_code})` })),
        agencyItems: [{ value: '', text: req.t('contracts.chooseProvider') }].concat(
          v.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        ),
        canManage: v.canManage,
        flash: DONE.find((d) => d === done) ? req.t(`contracts.orderDone.${done ?? ''}`) : null,
        errorSummary: errors.errorSummary,
        announceErrors: of('announce'),
        announceValues: valuesOf('announce', dateToParts('announcedOn', today)),
        bidErrors: of('bid'),
        bidValues: valuesOf('bid', {}),
        awardErrors: of('award'),
        awardValues: valuesOf('award', dateToParts('decidedOn', today)),
        closeErrors: of('close'),
        closeValues: valuesOf('close', dateToParts('closedOn', today)),
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** One step of an order's page: parse (with its dates), run, re-render with the form's errors or go back. */
  async function step<S extends z.ZodType>(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { name: FormName; schema: S; dates: string[]; run: (id: string, data: z.infer<S>) => Promise<unknown> },
  ) {
    authorize(req.actor, 'socialOrders.manage');
    const { id } = parseParams(req, orderParams);
    const values = formValues(req.body);
    const dated: Record<string, unknown> = { ...values };
    for (const d of o.dates) dated[d] = dateFromParts(values, d);
    const parsed = parseWith(o.schema, dated, dateHref(o.dates));
    const show = (errors: FormErrors) => renderOrder(req, reply, id, { name: o.name, values, errors });
    if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
    const done = await orRerender(req, () => o.run(id, parsed.data), show);
    if (!done.done) return done.reply;
    const key = { announce: 'announced', bid: 'bid', award: 'awarded', close: 'closed' }[o.name];
    return reply.redirect(`/social-orders/${id}?done=${key}`, 303);
  }

  return function (app: FastifyInstance) {
    app.get('/social-orders', async (req, reply) => {
      authorize(req.actor, 'socialOrders.read');
      const q = parseQuery(req, ordersQuery);
      const query = q.ok ? q.data : {};
      const page = query.page ?? 1;
      const sort = query.sort ?? 'starts';
      const r = await listSocialOrders({
        ...useCaseOf(req, services),
        filter: { status: query.status ?? null, year: query.year ?? null, sort },
        page,
      });
      noStore(reply);
      return reply.page('contracts/views/orders.njk', {
        pageTitle: req.t('contracts.ordersTitle'),
        orders: r.rows.map((o) => presentOrder(o, [], req.t)),
        total: r.total,
        statuses: [{ value: '', text: req.t('contracts.anyStatus') }].concat(
          ORDER_STATUSES.map((s) => ({ value: s, text: req.t(`contracts.orderStatus.${s}`) })),
        ),
        sorts: ['starts', 'number', 'status'].map((s) => ({ value: s, text: req.t(`contracts.orderSort.${s}`) })),
        query: { status: query.status ?? '', year: query.year ? String(query.year) : '', sort },
        filtered: Boolean(query.status || query.year),
        canManage: can(req.actor, 'socialOrders.manage'),
        pagination: paginate({
          page,
          pageSize: ORDERS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/social-orders', { status: query.status, year: query.year, sort: query.sort }, n),
        }),
      });
    });

    app.get('/social-orders/new', async (req, reply) => {
      authorize(req.actor, 'socialOrders.manage');
      const year = kyivToday().slice(0, 4);
      return renderNew(req, reply, {
        ...dateToParts('startsOn', `${year}-01-01`),
        ...dateToParts('endsOn', `${year}-12-31`),
      });
    });

    app.post('/social-orders', async (req, reply) => {
      authorize(req.actor, 'socialOrders.manage');
      const values = formValues(req.body);
      const dated: Record<string, unknown> = { ...values };
      for (const d of ORDER_DATES) dated[d] = dateFromParts(values, d);
      const parsed = parseWith(orderForm, dated, dateHref(ORDER_DATES));
      const show = (errors: FormErrors) => renderNew(req, reply, values, errors);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: ORDER_FIELDS }));
      const done = await orRerender(
        req,
        () => createSocialOrder({ ...useCaseOf(req, services), input: parsed.data }),
        (_e, problems) => show(formErrors(req.t, problems, { order: ORDER_FIELDS })),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/social-orders/${done.value}?done=created`, 303);
    });

    app.get('/social-orders/:id', async (req, reply) => {
      authorize(req.actor, 'socialOrders.read');
      return renderOrder(req, reply, parseParams(req, orderParams).id);
    });

    app.post('/social-orders/:id/announce', (req, reply) =>
      step(req, reply, {
        name: 'announce',
        schema: announceForm,
        dates: ['announcedOn'],
        run: (id, d) => announceProcurement({ ...useCaseOf(req, services), id, ...d }),
      }),
    );
    app.post('/social-orders/:id/bids', (req, reply) =>
      step(req, reply, {
        name: 'bid',
        schema: bidForm,
        dates: [],
        run: (id, d) => addBid({ ...useCaseOf(req, services), id, ...d }),
      }),
    );
    app.post('/social-orders/:id/award', (req, reply) =>
      step(req, reply, {
        name: 'award',
        schema: awardForm,
        dates: ['decidedOn'],
        run: (id, d) => awardSocialOrder({ ...useCaseOf(req, services), id, ...d }),
      }),
    );
    app.post('/social-orders/:id/close', (req, reply) =>
      step(req, reply, {
        name: 'close',
        schema: closeOrderForm,
        dates: ['closedOn'],
        run: (id, d) => closeSocialOrder({ ...useCaseOf(req, services), id, ...d }),
      }),
    );
  };
}
