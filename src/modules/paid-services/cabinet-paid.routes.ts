import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { displayDate } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from '../cabinet/cabinet.policy.js';
import { formatVolume } from './paid-rules.js';
import { presentInvoiceItem, statusOf } from './paid-services.presenter.js';
import { listMyPaidServices } from './use-cases/list-my-paid-services.js';
import { getMyInvoicePdf } from './use-cases/get-my-invoice-pdf.js';

/** The resident cabinet's «Оплата послуг»: the services received (days and time) and the invoices, each as a PDF. */
export function cabinetPaidRoutes(services: Services) {
  return (app: FastifyInstance) => {
    app.get('/cabinet/paid-services', async (req, reply) => {
      const actor = requireResident(req.actor);
      const my = await listMyPaidServices({ ...useCaseOf(req, services), actor });
      noStore(reply);
      return reply.page('paid-services/views/cabinet.njk', {
        pageTitle: req.t('paid.cabinet.title'),
        linked: my.linked,
        acts: my.acts.map((a) => ({
          date: displayDate(a.act_date),
          person: a.person_name,
          service: a.service_name,
          agency: a.agency_name,
          hours: formatVolume(Math.round((a.minutes * 100) / 60)),
        })),
        invoices: my.invoices.map((x) => ({
          ...presentInvoiceItem(x, req.t, `/cabinet/paid-services/invoices/${x.id}/pdf`),
          unpayable: my.unpayable.has(x.id) && statusOf(x) !== 'paid',
        })),
      });
    });

    app.get<{ Params: { id: string } }>('/cabinet/paid-services/invoices/:id/pdf', async (req, reply) => {
      const actor = requireResident(req.actor);
      const r = await getMyInvoicePdf({ ...useCaseOf(req, services), actor, id: req.params.id });
      noStore(reply);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="invoice-${r.number}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .send(r.pdf);
    });
    return Promise.resolve();
  };
}
