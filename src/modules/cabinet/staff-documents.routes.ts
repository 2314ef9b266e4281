import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { NO_ERRORS, orRerender, parseBody, parseQuery, type FormErrors } from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { contentDisposition, MAX_FILE_BYTES } from './cabinet.files.js';
import { fileSize } from './cabinet.presenter.js';
import { scanForm, scannedQuery } from './cabinet.schema.js';
import { setUpCabinetUploads, taken, uploadsOf } from './cabinet.uploads.js';
import { attachScannedDocument } from './use-cases/attach-scanned-document.js';
import { listApplicationDocuments } from './use-cases/list-application-documents.js';
import { openApplicationDocument } from './use-cases/open-application-document.js';

type Params = { Params: { id: string; documentId: string } };
type IdParams = { Params: { id: string } };
interface ScanForm {
  requirement: string;
  otherName: string;
}

/**
 * Staff: the files a resident gave with an application (online form, answers to requests for
 * documents), and the front office's (or starosta's) scans of the paper documents of a walk-in.
 */
export function staffDocumentRoutes(services: Services) {
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { form?: ScanForm; errors?: FormErrors; status?: number } = {},
  ) {
    const { application: a, documents, scanFor } = await listApplicationDocuments({ ...useCaseOf(req, services), id });
    const number = a.registration_number ?? req.t('applications.noNumber');
    const q = parseQuery(req, scannedQuery);
    const flash = q.ok && q.data.done === 'scanned' ? req.t('cabinet.scan.done') : null;
    noStore(reply);
    return reply.page(
      'cabinet/views/staff-documents.njk',
      {
        pageTitle: req.t('cabinet.staffDocuments.title', { number }),
        number,
        applicationId: a.id,
        flash,
        documents: documents.map((d) => ({
          id: d.id,
          fileName: d.file_name,
          size: fileSize(d.size, req.t),
          requirement: d.message_id ? req.t('messages.attachments.requirement') : d.requirement,
          withMessage: d.message_id !== null,
          type: req.t(`cabinet.type.${d.content_type.replace(/^.*\//, '')}`),
          uploadedAt: d.uploaded_at,
          sha256: d.sha256,
        })),
        scan: scanFor
          ? {
              requirements: [
                ...scanFor.map((r) => ({ value: r.id, text: r.name, selected: o.form?.requirement === r.id })),
                { value: 'other', text: req.t('cabinet.scan.other'), selected: o.form?.requirement === 'other' },
              ],
              otherName: o.form?.otherName ?? '',
              maxMb: MAX_FILE_BYTES / 1024 / 1024,
            }
          : null,
        ...(o.errors ?? NO_ERRORS),
      },
      o.status ?? 200,
    );
  }

  return async function (app: FastifyInstance) {
    app.get<IdParams>('/applications/:id/documents', async (req, reply) => page(req, reply, req.params.id));

    app.get<Params>('/applications/:id/documents/:documentId', async (req, reply) => {
      const { doc, stream } = await openApplicationDocument({
        ...useCaseOf(req, services),
        id: req.params.id,
        documentId: req.params.documentId,
      });
      noStore(reply);
      return reply
        .header('content-type', doc.content_type)
        .header('content-disposition', contentDisposition(doc.file_name, doc.content_type))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    });

    // A scanned paper document (multipart, parsed in this scope only; the file's type is checked by its content).
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, { accept: (req) => req.actor?.kind === 'staff' });
      withFiles.post<IdParams>('/applications/:id/documents', async (req, reply) => {
        const parsed = parseBody(req, scanForm);
        const form: ScanForm = parsed.ok ? parsed.data : { requirement: '', otherName: '' };
        const done = await orRerender(
          req,
          () =>
            attachScannedDocument({
              ...useCaseOf(req, services),
              id: req.params.id,
              requirement: form.requirement,
              otherName: form.otherName,
              upload: uploadsOf(req).get('file'),
              taken: () => {
                taken(req, 'file');
              },
            }),
          (errors) => page(req, reply, req.params.id, { form, errors, status: 400 }),
        );
        if (!done.done) return done.reply;
        return reply.redirect(`/applications/${req.params.id}/documents?done=scanned`, 303);
      });
    });
  };
}
