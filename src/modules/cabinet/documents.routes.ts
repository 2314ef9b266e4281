import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Problem } from '../../platform/errors.js';
import { formErrors, formValues, parseBody, parseQuery } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from './cabinet.policy.js';
import { contentDisposition, MAX_FILE_BYTES } from './cabinet.files.js';
import { presentDocument } from './cabinet.presenter.js';
import { documentForm, documentsQuery } from './cabinet.schema.js';
import { taken, uploadsOf } from './cabinet.uploads.js';
import { deleteMyDocument } from './use-cases/delete-my-document.js';
import { getMyDocument } from './use-cases/get-my-document.js';
import { listMyDocuments } from './use-cases/list-my-documents.js';
import { openMyDocument } from './use-cases/open-my-document.js';
import { uploadMyDocument } from './use-cases/upload-my-document.js';
import { applicationFilesSection } from './application-files.routes.js';

type IdParams = { Params: { id: string } };

/** My documents: upload once, download, delete with confirmation; reused in applications. */
export function documentRoutes(services: Services) {
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    problems: Problem[] = [],
    title = '',
    status = 200,
  ) {
    const docs = (await listMyDocuments({ ...useCaseOf(req, services), actor })).map((d) => presentDocument(d, req.t));
    const q = parseQuery(req, documentsQuery);
    const done = q.ok ? q.data.done : undefined;
    noStore(reply);
    return reply.page(
      'cabinet/views/documents.njk',
      {
        pageTitle: req.t('cabinet.documents.title'),
        docs,
        title,
        maxMb: MAX_FILE_BYTES / 1024 / 1024,
        applicationFiles: await applicationFilesSection(services, req, actor),
        flash: done ? req.t(`cabinet.documents.${done === 'deleted' ? 'deleted' : 'uploaded'}`) : null,
        ...formErrors(req.t, problems),
      },
      status,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cabinet/documents', async (req, reply) => page(req, reply, requireResident(req.actor)));

    app.post('/cabinet/documents', async (req, reply) => {
      const actor = requireResident(req.actor);
      const form = parseBody(req, documentForm);
      const upload = uploadsOf(req).get('file');
      const problems: Problem[] = form.ok ? [] : form.problems;
      if (!upload) problems.push({ field: 'file', key: 'cabinet.documents.v.file' });
      else if (!upload.ok) {
        problems.push({
          field: 'file',
          key: upload.problem === 'type' ? 'cabinet.file.type' : 'cabinet.file.size',
          params: { name: upload.fileName },
        });
      }
      if (!form.ok || problems.length || !upload || !upload.ok) {
        return page(req, reply, actor, problems, formValues(req.body).title ?? '', 400);
      }
      await uploadMyDocument({
        ...useCaseOf(req, services),
        actor,
        title: form.data.title,
        upload,
        taken: () => {
          taken(req, 'file');
        },
      });
      return reply.redirect('/cabinet/documents?done=uploaded', 303);
    });

    app.get<IdParams>('/cabinet/documents/:id/download', async (req, reply) => {
      const actor = requireResident(req.actor);
      const { doc, stream } = await openMyDocument({ ...useCaseOf(req, services), actor, id: req.params.id });
      noStore(reply);
      return reply
        .header('content-type', doc.content_type)
        .header('content-disposition', contentDisposition(doc.file_name, doc.content_type))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    });

    app.get<IdParams>('/cabinet/documents/:id/delete', async (req, reply) => {
      const actor = requireResident(req.actor);
      const doc = presentDocument(
        await getMyDocument({ ...useCaseOf(req, services), actor, id: req.params.id }),
        req.t,
      );
      return reply.page('cabinet/views/document-delete.njk', {
        pageTitle: req.t('cabinet.documents.deleteTitle'),
        doc,
      });
    });

    app.post<IdParams>('/cabinet/documents/:id/delete', async (req, reply) => {
      const actor = requireResident(req.actor);
      await deleteMyDocument({ ...useCaseOf(req, services), actor, id: req.params.id });
      return reply.redirect('/cabinet/documents?done=deleted', 303);
    });
    return Promise.resolve();
  };
}
