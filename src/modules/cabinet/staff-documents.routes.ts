import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { contentDisposition, MAX_FILE_BYTES } from './cabinet.files.js';
import { fileSize } from './cabinet.presenter.js';
import { setUpCabinetUploads, taken, uploadsOf } from './cabinet.uploads.js';
import { bodyOf, str } from './cabinet.web.js';
import { applicationDocuments, attachScannedDocument, openApplicationDocument, ScanProblem } from './use-cases/staff-documents.js';
import { requestMeta } from '../../platform/audit.js';

type Params = { Params: { id: string; documentId: string } };
type IdParams = { Params: { id: string } };
interface ScanForm { requirement: string; otherName: string }

/**
 * Staff: the files a resident gave with an application (online form, answers to requests for
 * documents), and the front office's (or starosta's) scans of the paper documents of a walk-in.
 */
export function staffDocumentRoutes(services: Services) {
  async function page(req: FastifyRequest, reply: FastifyReply, id: string,
    o: { form?: ScanForm; problem?: { field: string; text: string }; status?: number } = {}) {
    const { application: a, documents, scanFor } = await applicationDocuments({ services, actor: req.actor, id, meta: requestMeta(req) });
    const number = a.registration_number ?? req.t('applications.noNumber');
    const flash = (req.query as Record<string, unknown> | undefined)?.done === 'scanned' ? req.t('cabinet.scan.done') : null;
    const errors = o.problem ? { [o.problem.field]: { text: o.problem.text } } : {};
    return reply.header('cache-control', 'no-store').page('cabinet/views/staff-documents.njk', {
      pageTitle: req.t('cabinet.staffDocuments.title', { number }), number, applicationId: a.id, flash,
      documents: documents.map((d) => ({ id: d.id, fileName: d.file_name, size: fileSize(d.size, req.t),
        requirement: d.message_id ? req.t('messages.attachments.requirement') : d.requirement, withMessage: d.message_id !== null,
        type: req.t(`cabinet.type.${d.content_type.replace(/^.*\//, '')}`), uploadedAt: d.uploaded_at, sha256: d.sha256 })),
      scan: scanFor ? {
        requirements: [...scanFor.map((r) => ({ value: r.id, text: r.name, selected: o.form?.requirement === r.id })),
          { value: 'other', text: req.t('cabinet.scan.other'), selected: o.form?.requirement === 'other' }],
        otherName: o.form?.otherName ?? '', maxMb: MAX_FILE_BYTES / 1024 / 1024,
      } : null,
      errors, errorSummary: o.problem ? [{ text: o.problem.text, href: `#${o.problem.field}` }] : [],
    }, o.status ?? 200);
  }

  return async function (app: FastifyInstance) {
    app.get<IdParams>('/applications/:id/documents', async (req, reply) => page(req, reply, req.params.id));

    app.get<Params>('/applications/:id/documents/:documentId', async (req, reply) => {
      const { doc, stream } = await openApplicationDocument({ services, actor: req.actor, id: req.params.id,
        documentId: req.params.documentId, meta: requestMeta(req) });
      return reply.header('content-type', doc.content_type).header('content-disposition', contentDisposition(doc.file_name, doc.content_type))
        .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(stream);
    });

    // A scanned paper document (multipart, parsed in this scope only; the file's type is checked by its content).
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, { accept: (req) => req.actor?.kind === 'staff' });
      withFiles.post<IdParams>('/applications/:id/documents', async (req, reply) => {
        const b = bodyOf(req);
        const form: ScanForm = { requirement: str(b.requirement), otherName: str(b.otherName) };
        try {
          await attachScannedDocument({ services, actor: req.actor, id: req.params.id, requirement: form.requirement,
            otherName: form.otherName, upload: uploadsOf(req).get('file'), taken: () => taken(req, 'file'), meta: requestMeta(req) });
        } catch (e) {
          if (!(e instanceof ScanProblem)) throw e;
          return page(req, reply, req.params.id, { form, problem: { field: e.field, text: req.t(e.key) }, status: 400 });
        }
        return reply.redirect(`/applications/${req.params.id}/documents?done=scanned`, 303);
      });
    });
  };
}
