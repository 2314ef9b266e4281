import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/policy.js';
import type { Services } from '../../services.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { requireResident } from './cabinet.policy.js';
import { contentDisposition } from './cabinet.files.js';
import { fileSize } from './cabinet.presenter.js';
import { listMyApplicationFiles } from './use-cases/list-my-application-files.js';
import { openMyApplicationFile } from './use-cases/open-my-application-file.js';

/** For `cabinet/views/documents.njk` (`applicationFiles`): the files sent with the resident's applications. */
export async function applicationFilesSection(services: Services, req: FastifyRequest, actor: Actor) {
  const rows = await listMyApplicationFiles({ ...useCaseOf(req, services), actor });
  return rows.map((f) => ({
    href: `/cabinet/applications/${f.application_id}/files/${f.id}`,
    applicationHref: `/cabinet/applications/${f.application_id}`,
    application: `${f.registration_number ?? req.t('applications.noNumber')} — ${f.service_name}`,
    requirement: f.requirement,
    fileName: f.file_name,
    type: req.t(`cabinet.type.${f.content_type.replace(/^.*\//, '')}`),
    size: fileSize(f.size, req.t),
    uploaded: f.uploaded_at,
  }));
}

/** The resident opens a file sent with one of their own applications (listed on «Мої документи»). */
export function applicationFileRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get<{ Params: { id: string; documentId: string } }>(
      '/cabinet/applications/:id/files/:documentId',
      async (req, reply) => {
        const actor = requireResident(req.actor);
        const { file, stream } = await openMyApplicationFile({
          ...useCaseOf(req, services),
          actor,
          applicationId: req.params.id,
          documentId: req.params.documentId,
        });
        noStore(reply);
        return reply
          .header('content-type', file.content_type)
          .header('content-disposition', contentDisposition(file.file_name, file.content_type))
          .header('x-content-type-options', 'nosniff')
          .send(stream);
      },
    );
    return Promise.resolve();
  };
}
