import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { FormProblem, single, toFormErrors, type FormErrors } from '../admin/form.js';
import { guessMapping, TARGET_FIELDS, type Mapping } from './import.fields.js';
import { ImportFileError } from './import.files.js';
import { findImport, type ImportRow } from './import.queries.js';
import { importJobs } from './import.worker.js';
import { receivedFile, setUpUploads, MAX_UPLOAD_BYTES } from './import.upload.js';
import { presentMapping, presentStatus } from './persons-import.presenter.js';
import { exportForm } from './export.schema.js';
import { uploadImportFile } from './use-cases/upload-import-file.js';
import { startImport } from './use-cases/start-import.js';
import { getImport } from './use-cases/get-import.js';
import { exportPersons } from './use-cases/export-persons.js';
import { requestMeta } from '../../platform/audit.js';

const NO_ERRORS: FormErrors = { errors: {}, errorSummary: [] };

function mappingFrom(body: Record<string, unknown>): Mapping {
  const m: Mapping = {};
  for (const f of TARGET_FIELDS) {
    const v = single(body[`map_${f}`]);
    if (v !== '') m[f] = /^\d{1,4}$/.test(v) ? Number(v) : -1;
  }
  return m;
}

/** Import of persons from CSV/XLSX (upload → mapping → dry run or import as a job → report) and export of a search. */
export function personsImportRoutes(services: Services) {
  const uploadPage = (req: FastifyRequest, reply: FastifyReply, message: string | null, status: number) =>
    reply.page('persons-import/views/upload.njk', {
      pageTitle: req.t('personsImport.title'), maxMb: MAX_UPLOAD_BYTES / 1024 / 1024,
      errors: message ? { file: { text: message } } : {}, errorSummary: message ? [{ text: message, href: '#file' }] : [],
    }, status);

  const mappingPage = (req: FastifyRequest, reply: FastifyReply, imp: ImportRow, mapping: Mapping, form: FormErrors, status = 200) =>
    reply.page('persons-import/views/mapping.njk', {
      pageTitle: req.t('personsImport.mapping.title'), imp: { id: imp.id }, ...presentMapping(imp, mapping, req.t),
      errors: form.errors, errorSummary: form.errorSummary,
    }, status);

  return async function (app: FastifyInstance) {
    await services.jobs.register(importJobs(services));
    await setUpUploads(app, services);

    app.get('/persons/import', async (req, reply) => {
      authorize(req.actor, 'registry.import');
      return uploadPage(req, reply, null, 200);
    });

    app.post('/persons/import', async (req, reply) => {
      authorize(req.actor, 'registry.import');
      const file = receivedFile(req);
      if (!file) return uploadPage(req, reply, req.t('personsImport.file.required'), 400);
      if ('tooLarge' in file) return uploadPage(req, reply, req.t('personsImport.file.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }), 413);
      try {
        const id = await uploadImportFile({ services, actor: req.actor, file, meta: requestMeta(req) });
        return reply.redirect(`/persons/import/${id}`, 303);
      } catch (e) {
        if (e instanceof ImportFileError) return uploadPage(req, reply, req.t(e.key, e.params), 400);
        throw e;
      }
    });

    app.get<{ Params: { id: string }; Querystring: { page?: string } }>('/persons/import/:id', async (req, reply) => {
      const page = Math.max(1, Math.min(100000, Number.parseInt(req.query.page ?? '1', 10) || 1));
      const { imp, issues, issueTotal } = await getImport({ services, actor: req.actor, importId: req.params.id, page });
      if (imp.status === 'uploaded') return mappingPage(req, reply, imp, guessMapping(imp.header), NO_ERRORS);
      return reply.page('persons-import/views/status.njk', {
        pageTitle: req.t(imp.dry_run ? 'personsImport.report.dryTitle' : 'personsImport.report.title'), imp: { id: imp.id },
        ...presentStatus(imp, issues, issueTotal, page, req.t, req.locale),
      });
    });

    app.post<{ Params: { id: string } }>('/persons/import/:id/start', async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const mapping = mappingFrom(body);
      const mode = single(body.mode);
      try {
        if (mode !== 'dry' && mode !== 'import') throw new AppError('bad_request');
        await startImport({
          services, actor: req.actor, importId: req.params.id, mapping, dryRun: mode === 'dry', confirm: single(body.confirm) === 'yes',
          meta: requestMeta(req),
        });
        return reply.redirect(`/persons/import/${req.params.id}`, 303);
      } catch (e) {
        if (!(e instanceof FormProblem)) throw e;
        const imp = await services.db.tx({ hromadaId: req.actor!.hromadaId }, (c) => findImport(c, req.actor!.hromadaId!, req.params.id));
        if (!imp) throw new AppError('not_found');
        return mappingPage(req, reply, imp, mapping, toFormErrors(req.t, e.problems), 400);
      }
    });

    app.post('/persons/export', async (req, reply) => {
      authorize(req.actor, 'registry.export');
      const parsed = exportForm.safeParse(req.body ?? {});
      if (!parsed.success) throw new AppError('validation', { messageKey: 'personsImport.export.invalid' });
      const file = await exportPersons({ services, actor: req.actor, form: parsed.data, t: req.t, meta: requestMeta(req) });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-export-rows', String(file.rows))
        .send(file.body);
    });
  };
}
