import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { authorize } from '../../platform/policy.js';
import {
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  fundingParams,
  goalParams,
  NEW_GOAL_FIELDS,
  newGoalForm,
  planParams,
  taskParams,
  valueParams,
} from './action-plans.schema.js';
import { presentAmounts, presentPlan } from './action-plans.presenter.js';
import { viewPlan } from './use-cases/view-plan.js';
import { viewTask } from './use-cases/view-task.js';
import { addGoal } from './use-cases/add-goal.js';
import { removeGoal } from './use-cases/remove-goal.js';
import { removeTask } from './use-cases/remove-task.js';
import { removeIndicator } from './use-cases/remove-indicator.js';
import { removeFundingSource } from './use-cases/remove-funding-source.js';

/** What a removal's confirmation page shows: the thing, what goes with it, or why it cannot be removed. */
interface Removal {
  plan: { id: string; title: string };
  heading: string;
  what: string;
  along: string[];
  button: string;
  cancelHref: string;
  /** Why the removal is refused (the page says so instead of offering the button). */
  blocked: FormErrors | null;
}

/**
 * A plan's structure changed by hand: goals added, and what was entered by mistake removed — an empty goal, a task
 * without progress notes, an indicator with its values, a funding source with its amounts — each after a page that
 * says what goes with it.
 */
export function planStructureRoutes(services: Services, hooks: HookRegistry) {
  function renderRemoval(req: FastifyRequest, reply: FastifyReply, r: Removal, errors: FormErrors = NO_ERRORS) {
    noStore(reply);
    const refused = errors.errorSummary.length ? errors : r.blocked;
    return reply.page(
      'action-plans/views/remove.njk',
      {
        pageTitle: r.heading,
        plan: r.plan,
        heading: r.heading,
        what: r.what,
        along: r.along,
        button: r.button,
        action: req.url.split('?')[0],
        cancelHref: r.cancelHref,
        blocked: refused !== null,
        errorSummary: refused?.errorSummary ?? [],
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function goalRemoval(req: FastifyRequest, p: { id: string; goalId: string }): Promise<Removal> {
    const v = await viewPlan({ ...useCaseOf(req, services), id: p.id });
    const goal = v.goals.find((g) => g.id === p.goalId);
    if (!goal) throw new AppError('not_found');
    const goals = v.goals.filter((g) => g.parent_id === goal.id).length;
    const tasks = v.tasks.filter((x) => x.goal_id === goal.id).length;
    const level = req.t(goal.parent_id === null ? 'plans.strategicGoal' : 'plans.operationalGoal');
    return {
      plan: presentPlan(v.plan, req.t),
      heading: req.t('plans.remove.goal.title', { level, code: goal.code }),
      what: goal.title,
      along: [],
      button: req.t('plans.remove.goal.button'),
      cancelHref: `/action-plans/${v.plan.id}#measures`,
      blocked:
        goals > 0 || tasks > 0
          ? formErrors(req.t, [
              {
                field: 'remove',
                key: goals > 0 ? 'plans.v.goalHasGoals' : 'plans.v.goalHasTasks',
                params: { count: goals > 0 ? goals : tasks },
                href: '#remove-what',
              },
            ])
          : null,
    };
  }

  async function taskRemoval(
    req: FastifyRequest,
    p: { id: string; taskId: string },
    part: { indicatorId?: string; fundingId?: string } = {},
  ): Promise<Removal> {
    const v = await viewTask({ ...useCaseOf(req, services), hooks, planId: p.id, taskId: p.taskId });
    const base = {
      plan: presentPlan(v.plan, req.t),
      cancelHref: `/action-plans/${v.plan.id}/tasks/${v.task.id}`,
      blocked: null,
    };
    if (part.indicatorId !== undefined) {
      const i = v.indicators.find((x) => x.id === part.indicatorId);
      if (!i) throw new AppError('not_found');
      return {
        ...base,
        cancelHref: `${base.cancelHref}#indicators`,
        heading: req.t('plans.remove.indicator.title'),
        what: `${i.name}${i.unit ? ` (${i.unit})` : ''}`,
        along: i.values.map((x) =>
          req.t('plans.remove.indicator.value', { period: x.period, target: x.target ?? '—', actual: x.actual ?? '—' }),
        ),
        button: req.t('plans.remove.indicator.button'),
      };
    }
    if (part.fundingId !== undefined) {
      const f = v.funding.find((x) => x.id === part.fundingId);
      if (!f) throw new AppError('not_found');
      return {
        ...base,
        cancelHref: `${base.cancelHref}#funding`,
        heading: req.t('plans.remove.funding.title'),
        what: `${f.source_text} (${req.t(`plans.funding.${f.kind}`)})`,
        along: presentAmounts(f.amounts).map((a) => req.t('plans.amount', a)),
        button: req.t('plans.remove.funding.button'),
      };
    }
    return {
      ...base,
      heading: req.t('plans.remove.task.title', { code: v.task.code }),
      what: v.task.title,
      along: [
        ...v.indicators.map((i) => req.t('plans.remove.task.indicator', { name: i.name })),
        ...v.funding.map((f) => req.t('plans.remove.task.funding', { source: f.source_text })),
      ],
      button: req.t('plans.remove.task.button'),
      blocked: v.notes.length
        ? formErrors(req.t, [
            { field: 'remove', key: 'plans.v.taskHasNotes', params: { count: v.notes.length }, href: '#remove-what' },
          ])
        : null,
    };
  }

  /** Confirmation (GET) and removal (POST) of one thing; after it, back where the thing was listed. */
  function removal<P>(
    app: FastifyInstance,
    path: string,
    params: (req: FastifyRequest) => P,
    describe: (req: FastifyRequest, p: P) => Promise<Removal>,
    remove: (req: FastifyRequest, p: P) => Promise<void>,
    after: (p: P) => string,
  ) {
    app.get(path, async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = params(req);
      return renderRemoval(req, reply, await describe(req, p));
    });
    app.post(path, async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = params(req);
      const done = await orRerender(
        req,
        () => remove(req, p),
        async (errors) => renderRemoval(req, reply, await describe(req, p), errors),
      );
      if (!done.done) return done.reply;
      return reply.redirect(after(p), 303);
    });
  }

  async function renderNewGoal(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form?: { values: FormValues; errors: FormErrors },
  ) {
    const v = await viewPlan({ ...useCaseOf(req, services), id });
    const values = form?.values ?? {};
    const errors = form?.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'action-plans/views/goal-new.njk',
      {
        pageTitle: req.t('plans.newGoal.title'),
        plan: presentPlan(v.plan, req.t),
        parentItems: [
          { value: 'strategic', text: req.t('plans.newGoal.strategic'), selected: values.parent === 'strategic' },
          ...v.goals
            .filter((g) => g.parent_id === null)
            .map((g) => ({
              value: g.id,
              text: req.t('plans.newGoal.operationalOf', { goal: `${g.code}. ${g.title}`.slice(0, 180) }),
              selected: values.parent === g.id,
            })),
        ],
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/action-plans/:id/goals/new', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      return renderNewGoal(req, reply, parseParams(req, planParams).id);
    });

    app.post('/action-plans/:id/goals', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderNewGoal(req, reply, id, { values, errors });
      const parsed = parseWith(newGoalForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: NEW_GOAL_FIELDS }));
      const done = await orRerender(
        req,
        () => addGoal({ ...useCaseOf(req, services), planId: id, input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${id}?done=goalAdded#measures`, 303);
    });

    removal(
      app,
      '/action-plans/:id/goals/:goalId/remove',
      (req) => parseParams(req, goalParams),
      goalRemoval,
      (req, p) => removeGoal({ ...useCaseOf(req, services), planId: p.id, goalId: p.goalId }),
      (p) => `/action-plans/${p.id}?done=goalRemoved#history`,
    );
    removal(
      app,
      '/action-plans/:id/tasks/:taskId/remove',
      (req) => parseParams(req, taskParams),
      (req, p) => taskRemoval(req, p),
      (req, p) => removeTask({ ...useCaseOf(req, services), planId: p.id, taskId: p.taskId }),
      (p) => `/action-plans/${p.id}?done=taskRemoved#history`,
    );
    removal(
      app,
      '/action-plans/:id/tasks/:taskId/indicators/:indicatorId/remove',
      (req) => parseParams(req, valueParams),
      (req, p) => taskRemoval(req, p, { indicatorId: p.indicatorId }),
      (req, p) =>
        removeIndicator({ ...useCaseOf(req, services), planId: p.id, taskId: p.taskId, indicatorId: p.indicatorId }),
      (p) => `/action-plans/${p.id}/tasks/${p.taskId}?done=indicatorRemoved#history`,
    );
    removal(
      app,
      '/action-plans/:id/tasks/:taskId/funding-sources/:fundingId/remove',
      (req) => parseParams(req, fundingParams),
      (req, p) => taskRemoval(req, p, { fundingId: p.fundingId }),
      (req, p) =>
        removeFundingSource({ ...useCaseOf(req, services), planId: p.id, taskId: p.taskId, fundingId: p.fundingId }),
      (p) => `/action-plans/${p.id}/tasks/${p.taskId}?done=fundingRemoved#history`,
    );
  };
}
