import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { apiRoute } from '../api/api-route.js';
import { invoiceJson, invoiceLinesJson } from './paid-services.presenter.js';
import { apiInvoiceListSchema, apiInvoiceParams, apiInvoiceSchema, apiInvoicesQuery } from './paid-services.schema.js';
import { getInvoice } from './use-cases/get-invoice.js';
import { listInvoices } from './use-cases/list-invoices.js';

const TAG = 'Платні соціальні послуги';

/** /api/v1/invoices: the month's invoices (a provider's token sees its agency's only) and one with its lines. */
export function paidServicesApi(services: Services) {
  return (app: FastifyInstance) => {
    apiRoute(app, services, {
      method: 'GET',
      path: '/invoices',
      tags: [TAG],
      action: 'api.invoices.list',
      operation: 'read',
      summary: 'Рахунки за місяць (у межах доступу: надавач — своєї установи), за надавачем, якщо вказано',
      query: apiInvoicesQuery,
      response: apiInvoiceListSchema,
      handler: async ({ query, describe, useCase }) => {
        describe({ entityType: 'invoice' });
        const r = await listInvoices({ ...useCase, month: query.month, agencyId: query.providerId });
        return { items: r.rows.map((x) => invoiceJson(x)), total: r.rows.length };
      },
    });

    apiRoute(app, services, {
      method: 'GET',
      path: '/invoices/:id',
      tags: [TAG],
      action: 'api.invoices.get',
      operation: 'read',
      summary: 'Рахунок із рядками та сумою (чужий — 404)',
      params: apiInvoiceParams,
      response: apiInvoiceSchema,
      handler: async ({ params, describe, useCase }) => {
        describe({ entityType: 'invoice', entityId: params.id });
        const v = await getInvoice({ ...useCase, id: params.id, action: 'billing.invoice.api' });
        return { ...invoiceJson(v.invoice), lines: invoiceLinesJson(v.lines) };
      },
    });
    return Promise.resolve();
  };
}
