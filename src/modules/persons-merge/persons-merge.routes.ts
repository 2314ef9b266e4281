import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { can } from '../../platform/policy.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { z } from 'zod';
import { formErrors, orRerender, type Problem } from '../../platform/forms.js';
import {
  compareQuery,
  DUPLICATES_PAGE_SIZE,
  formProblems,
  mergeForm,
  MERGES_PAGE_SIZE,
  pageQuery,
  undoForm,
} from './persons-merge.schema.js';
import {
  comparisonRows,
  fieldsChangedMessage,
  pagination,
  presentMerge,
  presentPair,
} from './persons-merge.presenter.js';
import { findDuplicates } from './use-cases/find-duplicates.js';
import { comparePersons } from './use-cases/compare-persons.js';
import { mergePersons } from './use-cases/merge-persons.js';
import { listMerges } from './use-cases/list-merges.js';
import { viewMerge } from './use-cases/view-merge.js';
import { unmergePersons } from './use-cases/unmerge-persons.js';
import type { HookRegistry } from '../../platform/modules.js';
import { useCaseOf } from '../../platform/use-case.js';

/** The posted fields as they came (the schema checks them; the form is shown again with what was typed). */
const postedFields = z.record(z.string(), z.unknown()).catch({});
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Duplicate candidates, side-by-side comparison and merge, merge history and undo (admin). */
export function personsMergeRoutes(services: Services, hooks: HookRegistry) {
  async function comparePage(
    req: FastifyRequest,
    reply: FastifyReply,
    a: string,
    b: string,
    form: { survivor?: string; reason?: string },
    problems: Problem[] = [],
  ) {
    const [pa, pb] = await comparePersons({ ...useCaseOf(req, services), hooks, a, b });
    const errors = formErrors(req.t, problems);
    return reply.page(
      'persons-merge/views/compare.njk',
      {
        pageTitle: req.t('personsMerge.compare.title'),
        a,
        b,
        form,
        ...comparisonRows(pa, pb, req.t),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      problems.length ? 400 : 200,
    );
  }

  async function undoPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    reason: string,
    problems: Problem[],
    status = 200,
  ) {
    if (!can(req.actor, 'registry.unmerge')) throw new AppError(req.actor ? 'forbidden' : 'unauthenticated');
    const merge = presentMerge(await viewMerge({ ...useCaseOf(req, services), id }), req.t);
    if (merge.undone) throw new AppError('conflict', { messageKey: 'personsMerge.errors.alreadyUndone' });
    const errors = formErrors(req.t, problems);
    return reply.page(
      'persons-merge/views/undo.njk',
      {
        pageTitle: req.t('personsMerge.undo.title'),
        merge,
        reason,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      status,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/persons/duplicates', async (req, reply) => {
      const { page } = pageQuery.parse(req.query ?? {});
      const result = await findDuplicates({ ...useCaseOf(req, services), page });
      return reply.page('persons-merge/views/duplicates.njk', {
        pageTitle: req.t('personsMerge.duplicates.title'),
        total: result.total,
        pairs: result.pairs.map((p) => presentPair(p, req.t)),
        pagination: pagination('/persons/duplicates', page, result.total, DUPLICATES_PAGE_SIZE, req.t),
      });
    });

    app.get('/persons/merge', async (req, reply) => {
      const q = compareQuery.safeParse(req.query ?? {});
      if (!q.success) throw new AppError('bad_request', { messageKey: 'personsMerge.errors.ids' });
      return comparePage(req, reply, q.data.a, q.data.b, {});
    });

    app.post('/persons/merge', async (req, reply) => {
      const body = postedFields.parse(req.body ?? {});
      const parsed = mergeForm.safeParse(body);
      if (!parsed.success) {
        const ids = compareQuery.safeParse(body);
        if (!ids.success) throw new AppError('bad_request', { messageKey: 'personsMerge.errors.ids' });
        return comparePage(
          req,
          reply,
          ids.data.a,
          ids.data.b,
          { survivor: str(body.survivor), reason: str(body.reason) },
          formProblems(parsed.error),
        );
      }
      const f = parsed.data;
      const [survivorId, mergedId] = f.survivor === 'a' ? [f.a, f.b] : [f.b, f.a];
      const done = await orRerender(
        req,
        () => mergePersons({ ...useCaseOf(req, services), hooks, survivorId, mergedId, reason: f.reason }),
        (_errors, problems) => comparePage(req, reply, f.a, f.b, { survivor: f.survivor, reason: f.reason }, problems),
      );
      return done.done ? reply.redirect(`/persons/merges/${done.value.mergeId}?done=merged`, 303) : done.reply;
    });

    app.get('/persons/merges', async (req, reply) => {
      const { page } = pageQuery.parse(req.query ?? {});
      const result = await listMerges({ ...useCaseOf(req, services), page });
      return reply.page('persons-merge/views/merges.njk', {
        pageTitle: req.t('personsMerge.merges.title'),
        merges: result.merges.map((m) => presentMerge(m, req.t)),
        pagination: pagination('/persons/merges', page, result.total, MERGES_PAGE_SIZE, req.t),
      });
    });

    app.get<{ Params: { id: string } }>('/persons/merges/:id', async (req, reply) => {
      const { done } = pageQuery.parse(req.query ?? {});
      const merge = presentMerge(await viewMerge({ ...useCaseOf(req, services), id: req.params.id }), req.t);
      return reply.page('persons-merge/views/merge.njk', {
        pageTitle: req.t('personsMerge.merge.title', { date: merge.when }),
        merge,
        canUndo: can(req.actor, 'registry.unmerge'),
        flash:
          done === 'merged'
            ? req.t('personsMerge.merge.done')
            : done === 'undone'
              ? req.t('personsMerge.merge.undoneFlash')
              : null,
      });
    });

    app.get<{ Params: { id: string } }>('/persons/merges/:id/undo', (req, reply) =>
      undoPage(req, reply, req.params.id, '', []),
    );

    app.post<{ Params: { id: string } }>('/persons/merges/:id/undo', async (req, reply) => {
      const body = postedFields.parse(req.body ?? {});
      const parsed = undoForm.safeParse(body);
      if (!parsed.success)
        return undoPage(req, reply, req.params.id, str(body.reason), formProblems(parsed.error), 400);
      // A conflict (the records changed since the merge) is the answer, not a failure: it gets its own page.
      const conflictOf = (e: unknown) => {
        if (isAppError(e) && e.code === 'conflict') return e;
        throw e;
      };
      const done = await orRerender(
        req,
        () =>
          unmergePersons({
            ...useCaseOf(req, services),
            hooks,
            mergeId: req.params.id,
            reason: parsed.data.reason,
          }).then(() => null, conflictOf),
        (_errors, problems) => undoPage(req, reply, req.params.id, parsed.data.reason, problems, 400),
      );
      if (!done.done) return done.reply;
      const refused = done.value;
      if (refused) {
        const columns = (refused.details as { columns?: string[] } | undefined)?.columns;
        const message = columns ? fieldsChangedMessage(columns, req.t) : req.t(refused.messageKey);
        return reply.page(
          'persons-merge/views/undo-refused.njk',
          {
            pageTitle: req.t('personsMerge.undo.title'),
            message,
            mergeHref: `/persons/merges/${req.params.id}`,
          },
          409,
        );
      }
      return reply.redirect(`/persons/merges/${req.params.id}?done=undone`, 303);
    });
    return Promise.resolve();
  };
}
