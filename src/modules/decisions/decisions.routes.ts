import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { UUID } from '../persons-web/form.js';
import { AppError } from '../../platform/errors.js';
import { setUpOutbox } from './decisions.outbox.js';
import { produceDecisionPdf, produceReceiptPdf } from './use-cases/produce-documents.js';
import { verifyDecision } from './use-cases/verify-decision.js';
import { checkStatus, type PublicStatus } from './use-cases/check-status.js';
import { z } from 'zod';
import { formatDate } from '../../platform/i18n.js';
import type { TFunction } from 'i18next';
import { requestMeta } from '../../platform/audit.js';

/** The public page is looked up by anyone: a tight limit per address against guessing. */
const VERIFY_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** The status check takes a number and a code: fewer tries per address. */
const STATUS_RATE = { rateLimit: { max: 10, timeWindow: '1 minute' } };

const statusForm = z.object({ number: z.string().trim().max(40).default(''), code: z.string().trim().max(40).default('') });

function presentStatus(s: PublicStatus, t: TFunction) {
  const label = (status: string) => t(`applications.status.${status}`);
  const open = !['granted', 'refused', 'in_delivery', 'completed', 'withdrawn'].includes(s.status);
  const row = (key: string, text: string) => ({ key: { text: t(`decisions.status.${key}`) }, value: { text } });
  return {
    number: s.registrationNumber,
    rows: [row('service', s.serviceName), row('status', label(s.status)), row('registeredOn', formatDate(s.registeredOn)),
      ...(open && s.deadline ? [row('deadline', formatDate(s.deadline))] : [])],
    changes: s.changes.map((c) => ({ on: formatDate(c.on), status: label(c.status) })),
  };
}

function idOf(req: FastifyRequest): string {
  const id = (req.params as { id: string }).id;
  if (!UUID.test(id)) throw new AppError('not_found');
  return id;
}

/** File names carry only the kind of document (numbers and names stay out of headers and logs). */
const sendPdf = (reply: FastifyReply, pdf: Buffer, name: string) => reply
  .header('content-type', 'application/pdf')
  .header('content-disposition', `inline; filename="${name}.pdf"`)
  .header('cache-control', 'no-store')
  .send(pdf);

/** Decision documents and receipts (PDF) for staff, the public verification page, and the notification outbox. */
export function decisionsRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await setUpOutbox(services);

    app.get('/applications/:id/decision.pdf', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const r = await produceDecisionPdf({ services, actor: req.actor, id: idOf(req), origin: publicBaseUrl(services, req), meta: requestMeta(req) });
      return sendPdf(reply, r.pdf, 'decision');
    });

    app.get('/applications/:id/receipt.pdf', async (req, reply) => {
      authorize(req.actor, 'applications.read');
      const r = await produceReceiptPdf({ services, actor: req.actor, id: idOf(req), origin: publicBaseUrl(services, req), meta: requestMeta(req) });
      return sendPdf(reply, r.pdf, 'receipt');
    });

    const statusPage = (req: FastifyRequest, reply: FastifyReply, o: { number?: string; errors?: Record<string, { text: string }>;
      notFound?: boolean; found?: ReturnType<typeof presentStatus> }, status = 200) => reply
      .header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex')
      .page('decisions/views/status.njk', {
        pageTitle: req.t(o.found ? 'decisions.status.foundTitle' : 'decisions.status.title'), number: o.number ?? '', errors: o.errors ?? {},
        errorSummary: Object.entries(o.errors ?? {}).map(([k, v]) => ({ text: v.text, href: `#${k}` })), notFound: o.notFound ?? false,
        found: o.found ?? null,
      }, status);

    app.get('/status', async (req, reply) => statusPage(req, reply, {}));

    app.post('/status', { config: STATUS_RATE }, async (req, reply) => {
      const parsed = statusForm.safeParse(req.body ?? {});
      const form = parsed.success ? parsed.data : { number: '', code: '' };
      const errors: Record<string, { text: string }> = {};
      if (!form.number) errors.number = { text: req.t('decisions.status.v.number') };
      if (!form.code) errors.code = { text: req.t('decisions.status.v.code') };
      if (Object.keys(errors).length) return statusPage(req, reply, { number: form.number, errors }, 400);
      const found = await checkStatus(services, form, requestMeta(req));
      if (!found) return statusPage(req, reply, { number: form.number, notFound: true }, 404);
      return statusPage(req, reply, { found: presentStatus(found, req.t) });
    });

    app.get('/verify/:token', { config: VERIFY_RATE }, async (req, reply) => {
      const found = await verifyDecision(services, (req.params as { token: string }).token);
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex')
        .page('decisions/views/verify.njk', {
          pageTitle: req.t('decisions.verify.title'),
          found: found ? { ...found, kind: req.t(`decisions.verify.kinds.${found.kind}`) } : null,
        }, found ? 200 : 404);
    });
  };
}
