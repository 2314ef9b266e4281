import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { produceSubjectReport } from './use-cases/produce-subject-report.js';
import { requestMeta } from '../../platform/audit.js';

/** GET /persons/:id/subject-report → the data-subject report as a PDF download (no personal data in its name). */
export function subjectReportRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    app.get<{ Params: { id: string } }>('/persons/:id/subject-report', async (req, reply) => {
      const { pdf, generatedAt } = await produceSubjectReport({ services, actor: req.actor, personId: req.params.id, meta: requestMeta(req) });
      const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Kyiv' }).format(generatedAt);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="subject-report-${day}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    });
  };
}
