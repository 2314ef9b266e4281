import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Actor } from '../../platform/policy.js';
import { requireResident } from './cabinet.access.js';
import { contentDisposition, MAX_FILE_BYTES } from './cabinet.files.js';
import { presentDocument } from './cabinet.presenter.js';
import { taken, uploadsOf } from './cabinet.uploads.js';
import { bodyOf, pageErrors, str } from './cabinet.web.js';
import { deleteMyDocument, findMyDocument, listMyDocuments, openMyDocument, uploadMyDocument } from './use-cases/my-documents.js';
import type { Problem } from './use-cases/apply-context.js';
import { requestMeta } from '../../platform/audit.js';
import { applicationFilesSection } from './application-files.routes.js';

type IdParams = { Params: { id: string } };

/** My documents: upload once, download, delete with confirmation; reused in applications. */
export function documentRoutes(services: Services) {
  async function page(req: FastifyRequest, reply: FastifyReply, actor: Actor, problems: Problem[] = [], title = '', status = 200) {
    const docs = (await listMyDocuments(services, actor)).map((d) => presentDocument(d, req.t));
    return reply.header('cache-control', 'no-store').page('cabinet/views/documents.njk', {
      pageTitle: req.t('cabinet.documents.title'), docs, title, maxMb: MAX_FILE_BYTES / 1024 / 1024,
      applicationFiles: await applicationFilesSection(services, req, actor),
      flash: (req.query as Record<string, unknown>).done ? req.t(`cabinet.documents.${str((req.query as Record<string, unknown>).done) === 'deleted' ? 'deleted' : 'uploaded'}`) : null,
      ...pageErrors(problems, req.t),
    }, status);
  }

  return async function (app: FastifyInstance) {
    app.get('/cabinet/documents', async (req, reply) => page(req, reply, requireResident(req.actor)));

    app.post('/cabinet/documents', async (req, reply) => {
      const actor = requireResident(req.actor);
      const title = str(bodyOf(req).title);
      const upload = uploadsOf(req).get('file');
      const problems: Problem[] = [];
      if (!title) problems.push({ field: 'title', key: 'cabinet.documents.v.title' });
      else if (title.length > 200) problems.push({ field: 'title', key: 'cabinet.documents.v.titleLong' });
      if (!upload) problems.push({ field: 'file', key: 'cabinet.documents.v.file' });
      else if (!upload.ok) problems.push({ field: 'file', key: upload.problem === 'type' ? 'cabinet.file.type' : 'cabinet.file.size', params: { name: upload.fileName } });
      if (problems.length || !upload || !upload.ok) return page(req, reply, actor, problems, title, 400);
      await uploadMyDocument({ services, actor, title, upload, taken: () => taken(req, 'file'), meta: requestMeta(req) });
      return reply.redirect('/cabinet/documents?done=uploaded', 303);
    });

    app.get<IdParams>('/cabinet/documents/:id/download', async (req, reply) => {
      const actor = requireResident(req.actor);
      const { doc, stream } = await openMyDocument({ services, actor, id: req.params.id, meta: requestMeta(req) });
      return reply.header('content-type', doc.content_type).header('content-disposition', contentDisposition(doc.file_name, doc.content_type))
        .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(stream);
    });

    app.get<IdParams>('/cabinet/documents/:id/delete', async (req, reply) => {
      const actor = requireResident(req.actor);
      const doc = presentDocument(await findMyDocument(services, actor, req.params.id), req.t);
      return reply.page('cabinet/views/document-delete.njk', { pageTitle: req.t('cabinet.documents.deleteTitle'), doc });
    });

    app.post<IdParams>('/cabinet/documents/:id/delete', async (req, reply) => {
      const actor = requireResident(req.actor);
      await deleteMyDocument({ services, actor, id: req.params.id, meta: requestMeta(req) });
      return reply.redirect('/cabinet/documents?done=deleted', 303);
    });
  };
}
