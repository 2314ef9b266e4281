import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError, problem } from '../../platform/errors.js';
import {
  formErrors,
  NO_ERRORS,
  oneError,
  orRerender,
  parseBody,
  parseParams,
  parseQuery,
  type FormErrors,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { guessMapping, type Mapping } from './import.fields.js';
import { MappingRefused } from './import.mapping.js';
import type { ImportRow } from './import.queries.js';
import { receivedFile, setUpUploads, MAX_UPLOAD_BYTES } from './import.upload.js';
import { presentMapping, presentStatus } from './persons-import.presenter.js';
import { importParams, reportQuery, startForm } from './persons-import.schema.js';
import { exportForm } from './export.schema.js';
import { uploadImportFile } from './use-cases/upload-import-file.js';
import { startImport } from './use-cases/start-import.js';
import { getImport } from './use-cases/get-import.js';
import { exportPersons } from './use-cases/export-persons.js';

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

/** Import of persons from CSV/XLSX (upload → mapping → dry run or import as a job → report) and export of a search. */
export function personsImportRoutes(services: Services) {
  const uploadPage = (req: FastifyRequest, reply: FastifyReply, form: FormErrors, status: number) =>
    reply.page(
      'persons-import/views/upload.njk',
      {
        pageTitle: req.t('personsImport.title'),
        maxMb: MAX_MB,
        errors: form.errors,
        errorSummary: form.errorSummary,
      },
      status,
    );

  const mappingPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    imp: ImportRow,
    mapping: Mapping,
    form: FormErrors,
    status = 200,
  ) =>
    reply.page(
      'persons-import/views/mapping.njk',
      {
        pageTitle: req.t('personsImport.mapping.title'),
        imp: { id: imp.id },
        ...presentMapping(imp, mapping, req.t),
        errors: form.errors,
        errorSummary: form.errorSummary,
      },
      status,
    );

  return async function (app: FastifyInstance) {
    await setUpUploads(app, services);

    app.get('/persons/import', async (req, reply) => {
      authorize(req.actor, 'registry.import');
      return uploadPage(req, reply, NO_ERRORS, 200);
    });

    app.post('/persons/import', async (req, reply) => {
      authorize(req.actor, 'registry.import');
      const file = receivedFile(req);
      if (!file) return uploadPage(req, reply, oneError(req.t, 'file', 'personsImport.file.required'), 400);
      if ('tooLarge' in file)
        return uploadPage(req, reply, oneError(req.t, 'file', 'personsImport.file.tooLarge', { mb: MAX_MB }), 413);
      const done = await orRerender(
        req,
        () => uploadImportFile({ ...useCaseOf(req, services), file }),
        (errors) => uploadPage(req, reply, errors, 400),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/persons/import/${done.value}`, 303);
    });

    app.get('/persons/import/:id', async (req, reply) => {
      const { id } = parseParams(req, importParams);
      const query = parseQuery(req, reportQuery);
      const page = query.ok ? query.data.page : 1;
      const { imp, issues, issueTotal } = await getImport({ ...useCaseOf(req, services), importId: id, page });
      if (imp.status === 'uploaded') return mappingPage(req, reply, imp, guessMapping(imp.header), NO_ERRORS);
      return reply.page('persons-import/views/status.njk', {
        pageTitle: req.t(imp.dry_run ? 'personsImport.report.dryTitle' : 'personsImport.report.title'),
        imp: { id: imp.id },
        ...presentStatus(imp, issues, issueTotal, page, req.t, req.locale),
      });
    });

    app.post('/persons/import/:id/start', async (req, reply) => {
      const { id } = parseParams(req, importParams);
      const form = parseBody(req, startForm);
      if (!form.ok) throw new AppError('bad_request');
      try {
        await startImport({ ...useCaseOf(req, services), importId: id, ...form.data });
      } catch (e) {
        if (!(e instanceof MappingRefused)) throw e;
        return await mappingPage(req, reply, e.imp, form.data.mapping, formErrors(req.t, e.problems), 400);
      }
      return reply.redirect(`/persons/import/${id}`, 303);
    });

    app.post('/persons/export', async (req, reply) => {
      authorize(req.actor, 'registry.export');
      const form = parseBody(req, exportForm);
      if (!form.ok) throw problem('form', 'personsImport.export.invalid');
      const file = await exportPersons({ ...useCaseOf(req, services), form: form.data, t: req.t });
      noStore(reply);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-export-rows', String(file.rows))
        .send(file.body);
    });
  };
}
