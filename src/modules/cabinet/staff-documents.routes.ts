import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { contentDisposition } from './cabinet.files.js';
import { fileSize } from './cabinet.presenter.js';
import { applicationDocuments, openApplicationDocument } from './use-cases/staff-documents.js';
import { requestMeta } from '../../platform/audit.js';

type Params = { Params: { id: string; documentId: string } };

/** Staff: the files a resident gave with an application (online form, answers to requests for documents). */
export function staffDocumentRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    app.get<Params>('/applications/:id/documents', async (req, reply) => {
      const { application: a, documents } = await applicationDocuments({ services, actor: req.actor, id: req.params.id, meta: requestMeta(req) });
      const number = a.registration_number ?? req.t('applications.noNumber');
      return reply.header('cache-control', 'no-store').page('cabinet/views/staff-documents.njk', {
        pageTitle: req.t('cabinet.staffDocuments.title', { number }), number, applicationId: a.id,
        documents: documents.map((d) => ({ id: d.id, fileName: d.file_name, size: fileSize(d.size, req.t),
          requirement: d.message_id ? req.t('messages.attachments.requirement') : d.requirement, withMessage: d.message_id !== null,
          type: req.t(`cabinet.type.${d.content_type.replace(/^.*\//, '')}`), uploadedAt: d.uploaded_at, sha256: d.sha256 })),
      });
    });

    app.get<Params>('/applications/:id/documents/:documentId', async (req, reply) => {
      const { doc, stream } = await openApplicationDocument({ services, actor: req.actor, id: req.params.id,
        documentId: req.params.documentId, meta: requestMeta(req) });
      return reply.header('content-type', doc.content_type).header('content-disposition', contentDisposition(doc.file_name, doc.content_type))
        .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(stream);
    });
  };
}
