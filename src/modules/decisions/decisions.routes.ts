import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import type { Problem } from '../../platform/errors.js';
import { formErrors, NO_ERRORS, parseBody, parseParams, type FormErrors } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { formatDate } from '../../platform/i18n.js';
import { idParams } from '../../platform/ids.js';
import { authorize } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { statusForm } from './decisions.schema.js';
import { produceDecisionPdf } from './use-cases/produce-decision-pdf.js';
import { produceReceiptPdf } from './use-cases/produce-receipt-pdf.js';
import { verifyDecision } from './use-cases/verify-decision.js';
import { checkStatus, type PublicStatus } from './use-cases/check-status.js';

/** The public page is looked up by anyone: a tight limit per address against guessing. */
const VERIFY_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** The status check takes a number and a code: fewer tries per address. */
const STATUS_RATE = { rateLimit: { max: 10, timeWindow: '1 minute' } };

function presentStatus(s: PublicStatus, t: TFunction) {
  const label = (status: string) => t(`applications.status.${status}`);
  const open = !['granted', 'refused', 'in_delivery', 'completed', 'withdrawn'].includes(s.status);
  const row = (key: string, text: string) => ({ key: { text: t(`decisions.status.${key}`) }, value: { text } });
  return {
    number: s.registrationNumber,
    rows: [
      row('service', s.serviceName),
      row('status', label(s.status)),
      row('registeredOn', formatDate(s.registeredOn)),
      ...(open && s.deadline ? [row('deadline', formatDate(s.deadline))] : []),
    ],
    changes: s.changes.map((c) => ({ on: formatDate(c.on), status: label(c.status) })),
  };
}

/** File names carry only the kind of document (numbers and names stay out of headers and logs). */
function sendPdf(reply: FastifyReply, pdf: Buffer, name: string) {
  noStore(reply);
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${name}.pdf"`)
    .send(pdf);
}

/** Public pages: no caching, no referrer, not indexed. */
function publicPage(reply: FastifyReply) {
  noStore(reply);
  return reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
}

/** Decision documents and receipts (PDF) for staff, the public verification page and the public status page. */
export function decisionsRoutes(services: Services) {
  const statusPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { number?: string; errors?: FormErrors; notFound?: boolean; found?: ReturnType<typeof presentStatus> },
    status = 200,
  ) =>
    publicPage(reply).page(
      'decisions/views/status.njk',
      {
        pageTitle: req.t(o.found ? 'decisions.status.foundTitle' : 'decisions.status.title'),
        number: o.number ?? '',
        ...(o.errors ?? NO_ERRORS),
        notFound: o.notFound ?? false,
        found: o.found ?? null,
      },
      status,
    );

  return function (app: FastifyInstance) {
    app.get('/applications/:id/decision.pdf', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const { id } = parseParams(req, idParams);
      const r = await produceDecisionPdf({ ...useCaseOf(req, services), id, origin: publicBaseUrl(services, req) });
      return sendPdf(reply, r.pdf, 'decision');
    });

    app.get('/applications/:id/receipt.pdf', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const { id } = parseParams(req, idParams);
      const r = await produceReceiptPdf({ ...useCaseOf(req, services), id, origin: publicBaseUrl(services, req) });
      return sendPdf(reply, r.pdf, 'receipt');
    });

    app.get('/status', async (req, reply) => statusPage(req, reply, {}));

    app.post('/status', { config: STATUS_RATE }, async (req, reply) => {
      const parsed = parseBody(req, statusForm);
      const form = parsed.ok ? parsed.data : { number: '', code: '' };
      const problems: Problem[] = [];
      if (!form.number) problems.push({ field: 'number', key: 'decisions.status.v.number' });
      if (!form.code) problems.push({ field: 'code', key: 'decisions.status.v.code' });
      if (problems.length)
        return statusPage(req, reply, { number: form.number, errors: formErrors(req.t, problems) }, 400);
      const found = await checkStatus({ ...useCaseOf(req, services), number: form.number, code: form.code });
      if (!found) return statusPage(req, reply, { number: form.number, notFound: true }, 404);
      return statusPage(req, reply, { found: presentStatus(found, req.t) });
    });

    app.get<{ Params: { token: string } }>('/verify/:token', { config: VERIFY_RATE }, async (req, reply) => {
      const found = await verifyDecision({ services, token: req.params.token });
      return publicPage(reply).page(
        'decisions/views/verify.njk',
        {
          pageTitle: req.t('decisions.verify.title'),
          found: found ? { ...found, kind: req.t(`decisions.verify.kinds.${found.kind}`) } : null,
        },
        found ? 200 : 404,
      );
    });
    return Promise.resolve();
  };
}
