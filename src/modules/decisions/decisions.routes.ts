import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { publicBaseUrl } from '../residents/residents.context.js';
import { UUID } from '../persons-web/form.js';
import { AppError } from '../../platform/errors.js';
import { setUpOutbox } from './decisions.outbox.js';
import { produceDecisionPdf, produceReceiptPdf } from './use-cases/produce-documents.js';
import { verifyDecision } from './use-cases/verify-decision.js';
import { requestMeta } from '../../platform/audit.js';

/** The public page is looked up by anyone: a tight limit per address against guessing. */
const VERIFY_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };

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
      const r = await produceReceiptPdf({ services, actor: req.actor, id: idOf(req), meta: requestMeta(req) });
      return sendPdf(reply, r.pdf, 'receipt');
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
