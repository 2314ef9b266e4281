import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { kyivToday } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { produceSubjectReport } from './use-cases/produce-subject-report.js';

/** GET /persons/:id/subject-report → the data-subject report as a PDF download (no personal data in its name). */
export function subjectReportRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get<{ Params: { id: string } }>('/persons/:id/subject-report', async (req, reply) => {
      const { pdf, generatedAt } = await produceSubjectReport({ ...useCaseOf(req, services), personId: req.params.id });
      noStore(reply);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="subject-report-${kyivToday(generatedAt)}.pdf"`)
        .send(pdf);
    });
    return Promise.resolve();
  };
}
