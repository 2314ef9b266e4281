import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { displayDate, kyivToday } from '../../platform/dates.js';
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
import { CATEGORY_KINDS, formatMoney, formatVolume, FREE_GROUNDS, UNITS } from './paid-rules.js';
import {
  CATEGORY_FIELDS,
  categoryForm,
  INCOME_FIELDS,
  incomeForm,
  invoiceParams,
  invoicesQuery,
  PAYEE_FIELDS,
  payeeForm,
  PAYMENT_FIELDS,
  paymentForm,
  pageQuery,
  personParams,
  registerQuery,
  RULES_FIELDS,
  rulesForm,
  runForm,
  TARIFF_FIELDS,
  tariffForm,
} from './paid-services.schema.js';
import {
  monthText,
  presentInvoiceItem,
  presentLine,
  presentPayment,
  presentTariff,
  statusOf,
} from './paid-services.presenter.js';
import { listInvoices } from './use-cases/list-invoices.js';
import { runInvoices } from './use-cases/run-invoices.js';
import { getInvoice } from './use-cases/get-invoice.js';
import { getInvoicePdf } from './use-cases/get-invoice-pdf.js';
import { getInvoiceRegister } from './use-cases/get-invoice-register.js';
import { recordPayment } from './use-cases/record-payment.js';
import { getTariffs } from './use-cases/get-tariffs.js';
import { createTariff } from './use-cases/create-tariff.js';
import { getPaidSettings } from './use-cases/get-paid-settings.js';
import { savePaymentRules } from './use-cases/save-payment-rules.js';
import { savePayeeSettings } from './use-cases/save-payee-settings.js';
import { viewRecipient } from './use-cases/view-recipient.js';
import { recordIncome } from './use-cases/record-income.js';
import { setPaymentCategory } from './use-cases/set-payment-category.js';

/** The month before this one (the usual month to invoice), `YYYY-MM`. */
function lastMonth(): string {
  const [y, m] = kyivToday().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Paid services: the month's invoices and their run, an invoice with payments, tariffs, rules, a recipient's income. */
export function paidServicesRoutes(services: Services) {
  const page = (req: FastifyRequest, reply: FastifyReply, view: string, data: object, errors = NO_ERRORS) => {
    noStore(reply);
    return reply.page(
      `paid-services/views/${view}.njk`,
      { ...data, errors: errors.errors, errorSummary: errors.errorSummary },
      errors.errorSummary.length ? 400 : 200,
    );
  };

  async function renderList(
    req: FastifyRequest,
    reply: FastifyReply,
    form?: { values: FormValues; errors: FormErrors },
  ) {
    const q = parseQuery(req, invoicesQuery);
    const query = q.ok ? q.data : {};
    const month = query.month ?? lastMonth();
    const r = await listInvoices({ ...useCaseOf(req, services), month, agencyId: query.agencyId });
    const flash =
      query.done === 'run'
        ? req.t('paid.done.run', {
            created: query.created ?? 0,
            existing: query.existing ?? 0,
          }) + (query.unpriced ? ` ${req.t('paid.done.unpriced', { count: query.unpriced })}` : '')
        : null;
    const shownAgencies = query.agencyId ? r.agencies.filter((a) => a.id === query.agencyId) : r.agencies;
    return page(
      req,
      reply,
      'list',
      {
        pageTitle: req.t('paid.listTitle'),
        month,
        monthText: monthText(month),
        agencyId: query.agencyId ? String(query.agencyId) : '',
        agencyItems: [{ value: '', text: req.t('paid.allProviders') }].concat(
          r.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        ),
        invoices: r.rows.map((x) => presentInvoiceItem(x, req.t, `/paid-services/invoices/${x.id}`)),
        total: formatMoney(r.rows.reduce((s, x) => s + x.total_kop, 0)),
        registers: shownAgencies.map((a) => ({
          name: a.name,
          href: `/paid-services/register.xlsx?month=${month}&agencyId=${a.id}`,
        })),
        canRun: r.canRun,
        payeeMissing: r.payeeMissing,
        flash,
        values: form?.values ?? { month },
      },
      form?.errors,
    );
  }

  async function renderInvoice(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form?: { values: FormValues; errors: FormErrors },
  ) {
    const v = await getInvoice({ ...useCaseOf(req, services), id });
    const { done } = pageQuery.parse(req.query ?? {});
    const status = statusOf(v.invoice);
    return page(
      req,
      reply,
      'invoice',
      {
        pageTitle: req.t('paid.invoiceTitle', { number: v.invoice.number }),
        inv: {
          ...presentInvoiceItem(v.invoice, req.t, ''),
          purpose: v.invoice.purpose,
          balance: formatMoney(Math.max(0, v.invoice.total_kop - v.invoice.paid_kop)),
          monthParam: v.invoice.month,
        },
        status,
        lines: v.lines.map((l) => presentLine(l, req.t)),
        payments: v.payments.map(presentPayment),
        canPay: v.canPay && status !== 'paid',
        payeeMissing: v.payeeMissing,
        canManage: v.canManage,
        flash: done === 'paid' ? req.t('paid.done.paid') : null,
        values: form?.values ?? { paidOn: displayDate(kyivToday()) },
      },
      form?.errors,
    );
  }

  async function renderTariffs(
    req: FastifyRequest,
    reply: FastifyReply,
    form?: { values: FormValues; errors: FormErrors },
  ) {
    const v = await getTariffs(useCaseOf(req, services));
    const { done } = pageQuery.parse(req.query ?? {});
    return page(
      req,
      reply,
      'tariffs',
      {
        pageTitle: req.t('paid.tariffsTitle'),
        tariffs: v.tariffs.map((x) => presentTariff(x, req.t)),
        agencyItems: [{ value: '', text: req.t('paid.choose') }].concat(
          v.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        ),
        serviceItems: [{ value: '', text: req.t('paid.choose') }].concat(
          v.services.map((s) => ({ value: s.id, text: s.name })),
        ),
        unitItems: UNITS.map((u) => ({ value: u, text: req.t(`paid.unit.${u}`) })),
        sourceItems: ['catalogue', 'contract'].map((s) => ({ value: s, text: req.t(`paid.source.${s}`) })),
        flash: done === 'created' ? req.t('paid.done.tariff') : null,
        values: form?.values ?? { unit: 'hour', source: 'catalogue' },
      },
      form?.errors,
    );
  }

  async function renderSettings(
    req: FastifyRequest,
    reply: FastifyReply,
    form?: { rules?: FormValues; payee?: FormValues; errors: FormErrors },
  ) {
    const v = await getPaidSettings(useCaseOf(req, services));
    const { done } = pageQuery.parse(req.query ?? {});
    const latest = v.rules[v.rules.length - 1];
    const bandsText = (r: NonNullable<typeof latest>) =>
      r.bands
        .map(
          (b) =>
            `${String(b.from).replace('.', ',')}-${String(b.to).replace('.', ',')}: ${String(b.percent).replace('.', ',')}`,
        )
        .join('\n');
    return page(
      req,
      reply,
      'settings',
      {
        pageTitle: req.t('paid.settingsTitle'),
        rules: v.rules.map((r) => ({
          validFrom: displayDate(r.validFrom),
          subsistence: formatMoney(r.subsistenceKop),
          thresholds: `${formatVolume(r.freeBelow * 100)} / ${formatVolume(r.fullAbove * 100)}`,
          bands: r.bands.map(
            (b) => `${formatVolume(b.from * 100)}–${formatVolume(b.to * 100)}: ${formatVolume(b.percent * 100)} %`,
          ),
          own: v.ownDays.includes(r.validFrom),
        })),
        flash: done === 'rules' || done === 'payee' ? req.t(`paid.done.${done}`) : null,
        rulesValues: form?.rules ?? {
          subsistence: latest ? formatMoney(latest.subsistenceKop).replace(/\u00a0/g, '') : '',
          freeBelow: latest ? String(latest.freeBelow) : '2',
          fullAbove: latest ? String(latest.fullAbove) : '4',
          bands: latest ? bandsText(latest) : '',
        },
        payeeValues: form?.payee ?? {
          payeeName: v.payee.payeeName ?? '',
          edrpou: v.payee.edrpou ?? '',
          iban: v.payee.iban ?? '',
          bankName: v.payee.bankName ?? '',
          dueDays: String(v.payee.dueDays),
          purposeCode: v.payee.purposeCode,
        },
      },
      form?.errors,
    );
  }

  async function renderRecipient(
    req: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form?: { income?: FormValues; category?: FormValues; errors: FormErrors },
  ) {
    const v = await viewRecipient({ ...useCaseOf(req, services), personId });
    const { done } = pageQuery.parse(req.query ?? {});
    return page(
      req,
      reply,
      'recipient',
      {
        pageTitle: req.t('paid.recipientTitle', { name: v.name }),
        personId,
        name: v.name,
        incomes: v.incomes.map((i) => ({
          quarter: req.t('paid.quarterOf', { quarter: i.quarter, year: i.year }),
          total: formatMoney(i.total_kop),
          members: i.members,
          documents: i.documents,
        })),
        categories: v.categories.map((k) => ({
          service: k.service_name,
          kind: req.t(`paid.kind.${k.kind}`) + (k.ground ? `: ${req.t(`paid.ground.${k.ground}`)}` : ''),
          share: `${formatVolume(k.share_bp)} %`,
          ratio: k.ratio ? formatVolume(Math.round(Number(k.ratio) * 100)) : '',
          decidedOn: displayDate(k.decided_on),
          period: `${displayDate(k.valid_from)} – ${k.valid_to ? displayDate(k.valid_to) : req.t('paid.openEnded')}`,
        })),
        serviceItems: [{ value: '', text: req.t('paid.choose') }].concat(
          v.services.map((s) => ({ value: s.id, text: s.name })),
        ),
        kindItems: CATEGORY_KINDS.map((k) => ({ value: k, text: req.t(`paid.kind.${k}`) })),
        groundItems: [{ value: '', text: req.t('paid.groundNone') }].concat(
          FREE_GROUNDS.map((g) => ({ value: g, text: req.t(`paid.ground.${g}`) })),
        ),
        quarterItems: [{ value: '', text: req.t('paid.choose') }].concat(
          [1, 2, 3, 4].map((q) => ({ value: String(q), text: req.t('paid.quarterN', { quarter: q }) })),
        ),
        flash: done === 'income' || done === 'category' ? req.t(`paid.done.${done}`) : null,
        incomeValues: form?.income ?? {},
        categoryValues: form?.category ?? { kind: 'income', decidedOn: displayDate(kyivToday()) },
      },
      form?.errors,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/paid-services', async (req, reply) => {
      authorize(req.actor, 'billing.read');
      return renderList(req, reply);
    });

    app.post('/paid-services/run', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      const values = formValues(req.body);
      const parsed = parseWith(runForm, req.body);
      const show = (errors: FormErrors) => renderList(req, reply, { values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const r = await runInvoices({
        ...useCaseOf(req, services),
        month: parsed.data.month,
        agencyId: parsed.data.agencyId ?? null,
      });
      const agency = parsed.data.agencyId ? `&agencyId=${parsed.data.agencyId}` : '';
      return reply.redirect(
        `/paid-services?month=${parsed.data.month}${agency}&done=run&created=${r.created}&existing=${r.existing}&unpriced=${r.unpriced}`,
        303,
      );
    });

    app.get('/paid-services/register.xlsx', async (req, reply) => {
      authorize(req.actor, 'billing.read');
      const q = parseQuery(req, registerQuery);
      if (!q.ok) return renderList(req, reply);
      const body = await getInvoiceRegister({ ...useCaseOf(req, services), ...q.data });
      noStore(reply);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="register-${q.data.month}-${q.data.agencyId}.xlsx"`)
        .send(body);
    });

    app.get('/paid-services/invoices/:id', async (req, reply) => {
      authorize(req.actor, 'billing.read');
      return renderInvoice(req, reply, parseParams(req, invoiceParams).id);
    });

    app.get('/paid-services/invoices/:id/pdf', async (req, reply) => {
      authorize(req.actor, 'billing.read');
      const { id } = parseParams(req, invoiceParams);
      const r = await getInvoicePdf({ ...useCaseOf(req, services), id });
      noStore(reply);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="invoice-${r.number}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .send(r.pdf);
    });

    app.post('/paid-services/invoices/:id/payments', async (req, reply) => {
      authorize(req.actor, 'billing.pay');
      const { id } = parseParams(req, invoiceParams);
      const values = formValues(req.body);
      const parsed = parseWith(paymentForm, req.body);
      const show = (errors: FormErrors) => renderInvoice(req, reply, id, { values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: PAYMENT_FIELDS }));
      const done = await orRerender(
        req,
        () =>
          recordPayment({
            ...useCaseOf(req, services),
            id,
            paidOn: parsed.data.paidOn,
            amountKop: parsed.data.amount,
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/paid-services/invoices/${id}?done=paid`, 303);
    });

    app.get('/paid-services/tariffs', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      return renderTariffs(req, reply);
    });

    app.post('/paid-services/tariffs', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      const values = formValues(req.body);
      const parsed = parseWith(tariffForm, req.body);
      const show = (errors: FormErrors) => renderTariffs(req, reply, { values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: TARIFF_FIELDS }));
      const f = parsed.data;
      const done = await orRerender(
        req,
        () =>
          createTariff({
            ...useCaseOf(req, services),
            input: {
              agencyId: f.agencyId,
              serviceId: f.serviceId,
              unit: f.unit,
              priceKop: f.price,
              validFrom: f.validFrom,
              validTo: f.validTo ?? null,
              limitCenti: f.limit ?? null,
              source: f.source,
            },
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect('/paid-services/tariffs?done=created', 303);
    });

    app.get('/paid-services/settings', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      return renderSettings(req, reply);
    });

    app.post('/paid-services/settings/rules', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      const values = formValues(req.body);
      const parsed = parseWith(rulesForm, req.body);
      const show = (errors: FormErrors) => renderSettings(req, reply, { rules: values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: RULES_FIELDS }));
      const f = parsed.data;
      const done = await orRerender(
        req,
        () =>
          savePaymentRules({
            ...useCaseOf(req, services),
            rules: {
              validFrom: f.validFrom,
              subsistenceKop: f.subsistence,
              freeBelow: f.freeBelow,
              fullAbove: f.fullAbove,
              bands: f.bands,
            },
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect('/paid-services/settings?done=rules', 303);
    });

    app.post('/paid-services/settings/payee', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      const values = formValues(req.body);
      const parsed = parseWith(payeeForm, req.body);
      const show = (errors: FormErrors) => renderSettings(req, reply, { payee: values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: PAYEE_FIELDS }));
      const f = parsed.data;
      await savePayeeSettings({
        ...useCaseOf(req, services),
        settings: {
          payeeName: f.payeeName ?? null,
          edrpou: f.edrpou ?? null,
          iban: f.iban ?? null,
          bankName: f.bankName ?? null,
          dueDays: f.dueDays,
          purposeCode: f.purposeCode,
        },
      });
      return reply.redirect('/paid-services/settings?done=payee', 303);
    });

    app.get('/paid-services/recipients/:personId', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      return renderRecipient(req, reply, parseParams(req, personParams).personId);
    });

    app.post('/paid-services/recipients/:personId/incomes', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      const { personId } = parseParams(req, personParams);
      const values = formValues(req.body);
      const parsed = parseWith(incomeForm, req.body);
      const show = (errors: FormErrors) => renderRecipient(req, reply, personId, { income: values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: INCOME_FIELDS }));
      const f = parsed.data;
      const done = await orRerender(
        req,
        () =>
          recordIncome({
            ...useCaseOf(req, services),
            personId,
            input: {
              year: f.year,
              quarter: f.quarter,
              totalKop: f.totalIncome,
              members: f.members,
              documents: f.documents,
            },
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/paid-services/recipients/${personId}?done=income`, 303);
    });

    app.post('/paid-services/recipients/:personId/categories', async (req, reply) => {
      authorize(req.actor, 'billing.manage');
      const { personId } = parseParams(req, personParams);
      const values = formValues(req.body);
      const parsed = parseWith(categoryForm, req.body);
      const show = (errors: FormErrors) => renderRecipient(req, reply, personId, { category: values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: CATEGORY_FIELDS }));
      const f = parsed.data;
      const done = await orRerender(
        req,
        () =>
          setPaymentCategory({
            ...useCaseOf(req, services),
            personId,
            input: {
              serviceId: f.serviceId,
              kind: f.kind,
              ground: f.ground ?? null,
              decidedOn: f.decidedOn,
              validFrom: f.validFrom,
              validTo: f.validTo ?? null,
            },
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/paid-services/recipients/${personId}?done=category`, 303);
    });
  };
}
