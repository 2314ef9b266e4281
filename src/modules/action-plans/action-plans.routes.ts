import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { isNarrowing, metricKeyParts, metricOf, metricsOf } from '../metrics/metrics.registry.js';
import { bindIndicatorMetric } from './use-cases/bind-indicator-metric.js';
import { freezeIndicatorValue } from './use-cases/freeze-indicator-value.js';
import { authorize, can } from '../../platform/policy.js';
import { kyivToday } from '../../platform/dates.js';
import {
  dateFromParts,
  dateHref,
  dateToParts,
  formErrors,
  formValues,
  oneError,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { contentDisposition, MAX_FILE_BYTES, type FileType } from '../cabinet/cabinet.files.js';
import { setUpCabinetUploads, taken, uploadsOf } from '../cabinet/cabinet.uploads.js';
import { TASK_STATUSES } from './action-plans.queries.js';
import {
  doneQuery,
  listQuery,
  NOTE_FIELDS,
  noteForm,
  noteParams,
  planParams,
  publicParams,
  publicPlanParams,
  importForm,
  TASK_FIELDS,
  taskForm,
  taskParams,
  VALUE_FIELDS,
  valueForm,
  valueParams,
  FUNDING_FIELDS,
  fundingForm,
  SOURCE_FIELDS,
  sourceForm,
  NEW_TASK_FIELDS,
  newTaskForm,
  PLAN_FIELDS,
  planDocForm,
  goalForm,
  goalParams,
  INDICATOR_FIELDS,
  indicatorForm,
} from './action-plans.schema.js';
import {
  planTree,
  presentAmounts,
  presentChange,
  presentIndicator,
  presentPlan,
  presentTask,
} from './action-plans.presenter.js';
import { importPlan } from './use-cases/import-plan.js';
import { isPlanImportError } from './plan-import-error.js';
import { readPlanXlsx, templateXlsx } from './plan-xlsx.js';
import { listActionPlans, PLANS_PAGE_SIZE } from './use-cases/list-plans.js';
import { viewPlan } from './use-cases/view-plan.js';
import { exportPlan } from './use-cases/export-plan.js';
import { viewTask } from './use-cases/view-task.js';
import { editTask } from './use-cases/edit-task.js';
import { viewDashboard } from './use-cases/view-dashboard.js';
import { refreshPlanFigures } from './use-cases/refresh-plan-figures.js';
import { publishPlan } from './use-cases/publish-plan.js';
import { listPublicPlans } from './use-cases/list-public-plans.js';
import { viewPublicPlan } from './use-cases/view-public-plan.js';
import { presentDashboard } from './dashboard.presenter.js';
import { presentReport } from './report.presenter.js';
import { addTaskNote } from './use-cases/add-task-note.js';
import { setIndicatorValue } from './use-cases/set-indicator-value.js';
import { saveIndicator } from './use-cases/save-indicator.js';
import { setFundingAmount } from './use-cases/set-funding-amount.js';
import { addFundingSource } from './use-cases/add-funding-source.js';
import { addTask } from './use-cases/add-task.js';
import { editPlanDocument } from './use-cases/edit-plan-document.js';
import { editGoal } from './use-cases/edit-goal.js';
import { FUNDING_KINDS } from './plan-format.js';
import { openNoteEvidence } from './use-cases/open-note-evidence.js';

/** An XLSX file is a ZIP archive. */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Largest plan file the import form takes (the real plans are under 100 kB). */
const MAX_PLAN_BYTES = 2 * 1024 * 1024;

/** Action plans: the list, the import form, a plan's page and export, a task's page with its notes and values. */
export function actionPlansRoutes(services: Services, hooks: HookRegistry) {
  const metrics = metricsOf(hooks);
  async function renderImport(req: FastifyRequest, reply: FastifyReply, errors: FormErrors, problems: unknown[] = []) {
    noStore(reply);
    return reply.page(
      'action-plans/views/import.njk',
      {
        pageTitle: req.t('plans.import.title'),
        problems,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderTask(
    req: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    taskId: string,
    forms: {
      note?: { values: FormValues; errors: FormErrors };
      value?: { values: FormValues; errors: FormErrors };
      task?: { values: FormValues; errors: FormErrors };
      funding?: { values: FormValues; errors: FormErrors };
      source?: { values: FormValues; errors: FormErrors };
      other?: FormErrors;
    } = {},
  ) {
    const v = await viewTask({ ...useCaseOf(req, services), hooks, planId, taskId });
    const q = parseQuery(req, doneQuery);
    const note = forms.note ?? { values: dateToParts('notedOn', kyivToday()), errors: NO_ERRORS };
    const value = forms.value ?? { values: {}, errors: NO_ERRORS };
    const errors =
      forms.note?.errors ??
      forms.value?.errors ??
      forms.task?.errors ??
      forms.funding?.errors ??
      forms.source?.errors ??
      forms.other ??
      NO_ERRORS;
    const funding = forms.funding ?? { values: {}, errors: NO_ERRORS };
    const source = forms.source ?? { values: {}, errors: NO_ERRORS };
    // What a metric may be narrowed to: each of the hromada's services, and each classifier group it has services in.
    const narrowings = new Map([
      ...v.serviceGroups.map(
        (g) =>
          [
            `group:${g.group}`,
            req.t('plans.serviceGroup', { group: g.group, services: g.services.join(', ') }),
          ] as const,
      ),
      ...v.services.map((x) => [x.id, x.name] as const),
    ]);
    // «Особи, яким надано послуги — Догляд вдома» for a metric narrowed to a service (or a group).
    const metricLabel = (key: string) => {
      const parts = metricKeyParts(key);
      const base = req.t(`metrics.m.${parts.key}`);
      return parts.narrowing ? `${base} — ${narrowings.get(parts.narrowing) ?? req.t('plans.unknownService')}` : base;
    };
    noStore(reply);
    return reply.page(
      'action-plans/views/task.njk',
      {
        pageTitle: `${v.task.code} ${v.task.title}`.slice(0, 120),
        plan: presentPlan(v.plan, req.t),
        goal: v.goal,
        strategic: v.strategic,
        task: presentTask(v.task, req.t, v.plan.id),
        indicators: v.indicators.map((i) => ({
          ...presentIndicator(i, req.t),
          metric: i.metric_key ? metricLabel(i.metric_key) : null,
          metricBase: i.metric_key ? metricKeyParts(i.metric_key).key : null,
          metricService: i.metric_key ? metricKeyParts(i.metric_key).narrowing : null,
          serviceItems: [
            { value: '', text: req.t('plans.allServices') },
            ...[...narrowings].map(([value, text]) => ({
              value,
              text,
              selected: i.metric_key !== null && metricKeyParts(i.metric_key).narrowing === value,
            })),
          ],
          metricItems: [
            { value: '', text: req.t('plans.manualNoMetric') },
            ...[...metrics.values()].map((m) => ({
              value: m.key,
              text: `${req.t(`metrics.m.${m.key}`)} (${req.t(`metrics.unit.${m.unit}`)})`,
              selected: i.metric_key !== null && m.key === metricKeyParts(i.metric_key).key,
            })),
          ],
          freezable: i.metric_key ? i.values.filter((x) => x.frozen_at === null).map((x) => x.period) : [],
        })),
        funding: v.funding.map((f) => ({
          id: f.id,
          kind: req.t(`plans.funding.${f.kind}`),
          source: f.source_text,
          amounts: presentAmounts(f.amounts),
        })),
        fundingItems: v.funding.map((f) => ({
          value: f.id,
          text: f.source_text,
          selected: funding.values.funding === f.id,
        })),
        fundingValues: funding.values,
        fundingErrors: funding.errors.errors,
        sourceKinds: [
          { value: '', text: req.t('plans.sourceKindChoose') },
          ...FUNDING_KINDS.map((k) => ({
            value: k,
            text: req.t(`plans.funding.${k}`),
            selected: source.values.sourceKind === k,
          })),
        ],
        sourceValues: source.values,
        sourceErrors: source.errors.errors,
        notes: v.notes.map((n) => ({
          ...n,
          statusText: n.status ? req.t(`plans.status.${n.status}`) : '',
          fileHref: n.storage_key ? `/action-plans/${v.plan.id}/tasks/${v.task.id}/notes/${n.id}/file` : null,
        })),
        changes: v.changes.map((h) => presentChange(h, req.t)),
        figuresRefreshing: v.figures.refreshing,
        canManage: can(req.actor, 'plans.manage'),
        statuses: [
          { value: '', text: req.t('plans.keepStatus') },
          ...TASK_STATUSES.map((s) => ({
            value: s,
            text: req.t(`plans.status.${s}`),
            selected: note.values.status === s,
          })),
        ],
        // A computed indicator is in the list for its targets (its actual value is refused).
        indicatorItems: v.indicators.map((i) => ({
          value: i.id,
          text: i.source === 'manual' ? i.name : `${i.name} (${req.t('plans.targetOnly')})`,
          selected: value.values.indicator === i.id,
        })),
        noteValues: note.values,
        noteErrors: forms.note?.errors.errors ?? {},
        valueValues: value.values,
        taskValues: forms.task?.values ?? {
          title: v.task.title,
          period: v.task.period_text ?? '',
          expectedResult: v.task.expected_result ?? '',
          executors: v.task.executors.join('\n'),
        },
        taskErrors: forms.task?.errors.errors ?? {},
        taskOpen: forms.task !== undefined,
        valueErrors: forms.value?.errors.errors ?? {},
        maxMb: MAX_FILE_BYTES / 1024 / 1024,
        done: q.ok ? q.data.done : undefined,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return async function (app: FastifyInstance) {
    app.get('/action-plans', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const q = parseQuery(req, listQuery);
      const page = (q.ok ? q.data.page : undefined) ?? 1;
      const r = await listActionPlans({
        ...useCaseOf(req, services),
        limit: PLANS_PAGE_SIZE,
        offset: (page - 1) * PLANS_PAGE_SIZE,
      });
      noStore(reply);
      return reply.page('action-plans/views/list.njk', {
        pageTitle: req.t('plans.listTitle'),
        plans: r.rows.map((p) => ({ ...presentPlan(p, req.t), tasks: p.tasks, done: p.done, overdue: p.overdue })),
        total: r.total,
        canManage: can(req.actor, 'plans.manage'),
        pagination: paginate({
          page,
          pageSize: PLANS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/action-plans', {}, n),
        }),
      });
    });

    app.get('/action-plans/template.xlsx', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="action-plan-template.xlsx"')
        .send(await templateXlsx());
    });

    app.get('/action-plans/import', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      return renderImport(req, reply, NO_ERRORS);
    });

    // The plan's page; with the document form shown again (open, with its errors) after a refused change.
    async function renderPlan(
      req: FastifyRequest,
      reply: FastifyReply,
      id: string,
      doc?: { values: FormValues; errors: FormErrors },
    ) {
      const v = await viewPlan({ ...useCaseOf(req, services), id });
      const q = parseQuery(req, doneQuery);
      const counts = { total: v.tasks.length, done: 0, overdue: 0, in_progress: 0 } as Record<string, number>;
      for (const t of v.tasks) counts[t.effective_status] = (counts[t.effective_status] ?? 0) + 1;
      const errors = doc?.errors ?? NO_ERRORS;
      noStore(reply);
      return reply.page(
        'action-plans/views/plan.njk',
        {
          pageTitle: v.plan.title.slice(0, 120),
          plan: presentPlan(v.plan, req.t),
          tree: planTree(v.goals, v.tasks, req.t, v.plan.id),
          counts,
          indicators: v.indicators.length,
          changes: v.changes.map((h) => presentChange(h, req.t)),
          reports: v.reports.map((r) => presentReport(r, req.t, v.plan.id)),
          done: q.ok ? q.data.done : undefined,
          published: v.plan.status === 'published',
          hromadaCode: v.hromadaCode,
          canManage: can(req.actor, 'plans.manage'),
          docValues: doc?.values ?? {
            title: v.plan.title,
            approvedBy: v.plan.approved_by ?? '',
            actNumber: v.plan.act_number ?? '',
            ...(v.plan.act_date ? dateToParts('actDate', v.plan.act_date) : {}),
            periodFrom: v.plan.period_from === null ? '' : String(v.plan.period_from),
            periodTo: v.plan.period_to === null ? '' : String(v.plan.period_to),
          },
          docErrors: errors.errors,
          docOpen: doc !== undefined,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    }

    app.get('/action-plans/:id', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const { id } = parseParams(req, planParams);
      return renderPlan(req, reply, id);
    });

    app.post('/action-plans/:id/document', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderPlan(req, reply, id, { values, errors });
      const body: Record<string, unknown> = { ...values, actDate: dateFromParts(values, 'actDate') };
      const parsed = parseWith(planDocForm, body, dateHref(['actDate']));
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: PLAN_FIELDS }));
      const done = await orRerender(
        req,
        () => editPlanDocument({ ...useCaseOf(req, services), planId: id, input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${id}?done=${done.value ? 'planEdited' : 'unchanged'}#history`, 303);
    });

    // A goal's title, on a page of its own.
    async function renderGoal(
      req: FastifyRequest,
      reply: FastifyReply,
      p: { id: string; goalId: string },
      form?: { values: FormValues; errors: FormErrors },
    ) {
      const v = await viewPlan({ ...useCaseOf(req, services), id: p.id });
      const goal = v.goals.find((g) => g.id === p.goalId);
      if (!goal) throw new AppError('not_found');
      const errors = form?.errors ?? NO_ERRORS;
      noStore(reply);
      return reply.page(
        'action-plans/views/goal.njk',
        {
          pageTitle: req.t('plans.goalEdit.title'),
          plan: presentPlan(v.plan, req.t),
          goal,
          strategic: goal.parent_id === null,
          values: form?.values ?? { title: goal.title },
          errors: errors.errors,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    }

    app.get('/action-plans/:id/goals/:goalId/edit', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      return renderGoal(req, reply, parseParams(req, goalParams));
    });

    app.post('/action-plans/:id/goals/:goalId/edit', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, goalParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderGoal(req, reply, p, { values, errors });
      const parsed = parseWith(goalForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const done = await orRerender(
        req,
        () => editGoal({ ...useCaseOf(req, services), planId: p.id, goalId: p.goalId, title: parsed.data.title }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${p.id}?done=${done.value ? 'goalEdited' : 'unchanged'}#history`, 303);
    });

    // A new task of one of the plan's operational goals.
    async function renderNewTask(
      req: FastifyRequest,
      reply: FastifyReply,
      id: string,
      form?: { values: FormValues; errors: FormErrors },
    ) {
      const v = await viewPlan({ ...useCaseOf(req, services), id });
      const values = form?.values ?? {};
      const errors = form?.errors ?? NO_ERRORS;
      const strategic = new Map(v.goals.filter((g) => g.parent_id === null).map((g) => [g.id, g]));
      noStore(reply);
      return reply.page(
        'action-plans/views/task-new.njk',
        {
          pageTitle: req.t('plans.newTask.title'),
          plan: presentPlan(v.plan, req.t),
          goalItems: [
            { value: '', text: req.t('plans.newTask.goalChoose') },
            ...v.goals
              .filter((g) => g.parent_id !== null)
              .map((g) => {
                const parent = g.parent_id ? strategic.get(g.parent_id) : undefined;
                return {
                  value: g.id,
                  text: `${parent ? `${parent.code}. ` : ''}${g.code}. ${g.title}`.slice(0, 200),
                  selected: values.goal === g.id,
                };
              }),
          ],
          values,
          errors: errors.errors,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    }

    app.get('/action-plans/:id/tasks/new', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      return renderNewTask(req, reply, id);
    });

    app.post('/action-plans/:id/tasks', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderNewTask(req, reply, id, { values, errors });
      const parsed = parseWith(newTaskForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: NEW_TASK_FIELDS }));
      const done = await orRerender(
        req,
        () => addTask({ ...useCaseOf(req, services), planId: id, input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${id}/tasks/${done.value}?done=taskAdded`, 303);
    });

    app.get('/action-plans/:id/dashboard', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const { id } = parseParams(req, planParams);
      const d = await viewDashboard({ ...useCaseOf(req, services), hooks, id });
      const q = parseQuery(req, doneQuery);
      noStore(reply);
      return reply.page('action-plans/views/dashboard.njk', {
        pageTitle: req.t('plans.dash.title'),
        plan: presentPlan(d.plan, req.t),
        dash: presentDashboard(d, req.t, d.plan.id),
        figures: d.figures,
        done: q.ok ? q.data.done : undefined,
      });
    });

    app.post('/action-plans/:id/figures/refresh', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const { id } = parseParams(req, planParams);
      await refreshPlanFigures({ ...useCaseOf(req, services), hooks, id });
      return reply.redirect(`/action-plans/${id}/dashboard?done=refresh`, 303);
    });

    app.post('/action-plans/:id/publish', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const { id } = parseParams(req, planParams);
      const publish = formValues(req.body).publish === 'yes';
      await publishPlan({ ...useCaseOf(req, services), id, publish });
      return reply.redirect(`/action-plans/${id}?done=${publish ? 'published' : 'draft'}`, 303);
    });

    // The public monitoring of a hromada's published plans: no login, aggregates only, small counts suppressed.
    app.get('/hromadas/:code/plans', async (req, reply) => {
      const { code } = parseParams(req, publicParams);
      const r = await listPublicPlans({ services, code });
      return reply.page('action-plans/views/public-list.njk', {
        pageTitle: req.t('plans.pub.title', { hromada: r.hromada.name }),
        hromada: r.hromada.name,
        code,
        plans: r.plans.map((p) => ({ ...presentPlan(p, req.t), tasks: p.tasks, done: p.done, overdue: p.overdue })),
      });
    });

    app.get('/hromadas/:code/plans/:id', async (req, reply) => {
      const p = parseParams(req, publicPlanParams);
      const d = await viewPublicPlan({ services, hooks, code: p.code, id: p.id });
      return reply.page('action-plans/views/public-plan.njk', {
        pageTitle: d.plan.title.slice(0, 120),
        hromada: d.hromada.name,
        code: p.code,
        computedAt: d.computedAt,
        plan: presentPlan(d.plan, req.t),
        dash: presentDashboard(d, req.t, d.plan.id, {
          personMetric: (key) => ['persons', 'families', 'children'].includes(metricOf(metrics, key)?.unit ?? ''),
          base: `/hromadas/${p.code}/plans`,
        }),
      });
    });

    app.get('/action-plans/:id/export.json', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const { id } = parseParams(req, planParams);
      const r = await exportPlan({ ...useCaseOf(req, services), id });
      noStore(reply);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="action-plan-${r.plan.id}.json"`)
        .send(JSON.stringify(r.json, null, 2));
    });

    app.get('/action-plans/:id/tasks/:taskId', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const p = parseParams(req, taskParams);
      return renderTask(req, reply, p.id, p.taskId);
    });

    app.post('/action-plans/:id/tasks/:taskId/values', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, valueParams.omit({ indicatorId: true }));
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderTask(req, reply, p.id, p.taskId, { value: { values, errors } });
      const ind = /^[1-9][0-9]{0,15}$/.test(values.indicator ?? '') ? values.indicator : null;
      if (!ind) return show(formErrors(req.t, [{ field: 'indicator', key: 'plans.v.indicator' }]));
      const parsed = parseWith(valueForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: VALUE_FIELDS }));
      const done = await orRerender(
        req,
        () =>
          setIndicatorValue({
            ...useCaseOf(req, services),
            planId: p.id,
            taskId: p.taskId,
            indicatorId: ind,
            input: parsed.data,
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=value#indicators`, 303);
    });

    app.post('/action-plans/:id/tasks/:taskId/edit', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, taskParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderTask(req, reply, p.id, p.taskId, { task: { values, errors } });
      const parsed = parseWith(taskForm, values);
      // The period's box is «taskPeriod» (the value form below has its own «period»).
      const problems = parsed.ok
        ? []
        : parsed.problems.map((x) => (x.field === 'period' ? { ...x, href: '#taskPeriod' } : x));
      if (!parsed.ok) return show(formErrors(req.t, problems, { order: TASK_FIELDS }));
      const done = await orRerender(
        req,
        () => editTask({ ...useCaseOf(req, services), planId: p.id, taskId: p.taskId, input: parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(
        `/action-plans/${p.id}/tasks/${p.taskId}?done=${done.value ? 'edited' : 'unchanged'}#history`,
        303,
      );
    });

    app.post('/action-plans/:id/tasks/:taskId/funding', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, taskParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderTask(req, reply, p.id, p.taskId, { funding: { values, errors } });
      const parsed = parseWith(fundingForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: FUNDING_FIELDS }));
      const done = await orRerender(
        req,
        () =>
          setFundingAmount({
            ...useCaseOf(req, services),
            planId: p.id,
            taskId: p.taskId,
            input: { ...parsed.data, actual: parsed.data.spent },
          }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=funding#funding`, 303);
    });

    app.post('/action-plans/:id/tasks/:taskId/funding-sources', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, taskParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderTask(req, reply, p.id, p.taskId, { source: { values, errors } });
      const parsed = parseWith(sourceForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: SOURCE_FIELDS }));
      const input = { kind: parsed.data.sourceKind, source: parsed.data.sourceName };
      const done = await orRerender(
        req,
        () => addFundingSource({ ...useCaseOf(req, services), planId: p.id, taskId: p.taskId, input }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=fundingSource#funding`, 303);
    });

    // An indicator's own page: a new one of the task, or one changed (name, unit, baseline, responsible).
    async function renderIndicator(
      req: FastifyRequest,
      reply: FastifyReply,
      p: { id: string; taskId: string; indicatorId: string | null },
      form?: { values: FormValues; errors: FormErrors },
    ) {
      const v = await viewTask({ ...useCaseOf(req, services), hooks, planId: p.id, taskId: p.taskId });
      const indicator = p.indicatorId === null ? null : v.indicators.find((i) => i.id === p.indicatorId);
      if (indicator === undefined) throw new AppError('not_found');
      const errors = form?.errors ?? NO_ERRORS;
      noStore(reply);
      return reply.page(
        'action-plans/views/indicator.njk',
        {
          pageTitle: req.t(indicator ? 'plans.ind.editTitle' : 'plans.ind.addTitle'),
          plan: presentPlan(v.plan, req.t),
          task: presentTask(v.task, req.t, v.plan.id),
          indicator,
          action: indicator
            ? `/action-plans/${v.plan.id}/tasks/${v.task.id}/indicators/${indicator.id}/edit`
            : `/action-plans/${v.plan.id}/tasks/${v.task.id}/indicators`,
          values: form?.values ?? {
            name: indicator?.name ?? '',
            unit: indicator?.unit ?? '',
            baseline: indicator?.baseline === null || indicator === null ? '' : String(Number(indicator.baseline)),
            responsible: indicator?.responsible ?? '',
          },
          errors: errors.errors,
          errorSummary: errors.errorSummary,
        },
        errors.errorSummary.length ? 400 : 200,
      );
    }

    async function postIndicator(req: FastifyRequest, reply: FastifyReply, indicatorId: string | null) {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, taskParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderIndicator(req, reply, { ...p, indicatorId }, { values, errors });
      const parsed = parseWith(indicatorForm, values);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: INDICATOR_FIELDS }));
      const done = await orRerender(
        req,
        () =>
          saveIndicator({
            ...useCaseOf(req, services),
            hooks,
            planId: p.id,
            taskId: p.taskId,
            indicatorId,
            input: parsed.data,
          }),
        show,
      );
      if (!done.done) return done.reply;
      const result = indicatorId === null ? 'indicatorAdded' : done.value ? 'indicator' : 'unchanged';
      return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=${result}#indicators`, 303);
    }

    app.get('/action-plans/:id/tasks/:taskId/indicators/new', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, taskParams);
      return renderIndicator(req, reply, { ...p, indicatorId: null });
    });
    app.post('/action-plans/:id/tasks/:taskId/indicators', (req, reply) => postIndicator(req, reply, null));
    app.get('/action-plans/:id/tasks/:taskId/indicators/:indicatorId/edit', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, valueParams);
      return renderIndicator(req, reply, { id: p.id, taskId: p.taskId, indicatorId: p.indicatorId });
    });
    app.post('/action-plans/:id/tasks/:taskId/indicators/:indicatorId/edit', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, valueParams);
      return postIndicator(req, reply, p.indicatorId);
    });

    app.post('/action-plans/:id/tasks/:taskId/indicators/:indicatorId/metric', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, valueParams);
      const values = formValues(req.body);
      const metric = values.metric && values.metric !== '' ? values.metric : null;
      const narrowing = metric && values.service && isNarrowing(values.service) ? values.service : null;
      if (metric && values.service && !narrowing)
        return renderTask(req, reply, p.id, p.taskId, { other: oneError(req.t, 'metric', 'plans.v.service') });
      const done = await orRerender(
        req,
        () =>
          bindIndicatorMetric({
            ...useCaseOf(req, services),
            hooks,
            planId: p.id,
            taskId: p.taskId,
            indicatorId: p.indicatorId,
            metric,
            narrowing,
          }),
        (errors) => renderTask(req, reply, p.id, p.taskId, { other: errors }),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=bound#indicators`, 303);
    });

    app.post('/action-plans/:id/tasks/:taskId/indicators/:indicatorId/freeze', async (req, reply) => {
      authorize(req.actor, 'plans.manage');
      const p = parseParams(req, valueParams);
      const values = formValues(req.body);
      const done = await orRerender(
        req,
        () =>
          freezeIndicatorValue({
            ...useCaseOf(req, services),
            hooks,
            planId: p.id,
            taskId: p.taskId,
            indicatorId: p.indicatorId,
            period: values.period ?? '',
          }),
        (errors) => renderTask(req, reply, p.id, p.taskId, { other: errors }),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=frozen#indicators`, 303);
    });

    app.get('/action-plans/:id/tasks/:taskId/notes/:noteId/file', async (req, reply) => {
      authorize(req.actor, 'plans.read');
      const p = parseParams(req, noteParams);
      const f = await openNoteEvidence({
        ...useCaseOf(req, services),
        planId: p.id,
        taskId: p.taskId,
        noteId: p.noteId,
      });
      noStore(reply);
      return reply
        .type(f.contentType)
        .header('content-disposition', contentDisposition(f.fileName, f.contentType as FileType))
        .send(f.stream);
    });

    // A progress note with its evidence file (multipart, parsed in this scope only; the type is checked by content).
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, { accept: (req) => can(req.actor, 'plans.manage') });
      withFiles.post('/action-plans/:id/tasks/:taskId/notes', async (req, reply) => {
        authorize(req.actor, 'plans.manage');
        const p = parseParams(req, taskParams);
        const values = formValues(req.body);
        const body: Record<string, unknown> = { ...values, notedOn: dateFromParts(values, 'notedOn') };
        const show = (errors: FormErrors) => renderTask(req, reply, p.id, p.taskId, { note: { values, errors } });
        const parsed = parseWith(noteForm, body, dateHref(['notedOn']));
        if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: NOTE_FIELDS }));
        const done = await orRerender(
          req,
          () =>
            addTaskNote({
              ...useCaseOf(req, services),
              planId: p.id,
              taskId: p.taskId,
              input: { notedOn: parsed.data.notedOn, body: parsed.data.body, status: parsed.data.status ?? null },
              upload: uploadsOf(req).get('file'),
              taken: () => {
                taken(req, 'file');
              },
            }),
          show,
        );
        if (!done.done) return done.reply;
        return reply.redirect(`/action-plans/${p.id}/tasks/${p.taskId}?done=note#notes`, 303);
      });
    });

    // The import form: one JSON file, read into memory (at most 2 MB) and checked whole.
    await app.register(async (withFile) => {
      await withFile.register(multipart, {
        attachFieldsToBody: 'keyValues',
        throwFileSizeLimit: false,
        limits: { fileSize: MAX_PLAN_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 4096 },
      });
      withFile.post('/action-plans/import', async (req, reply) => {
        authorize(req.actor, 'plans.manage');
        const body = parseWith(importForm, req.body);
        const file = body.ok ? body.data.file : undefined;
        if (!file || file.length === 0)
          return renderImport(req, reply, formErrors(req.t, [{ field: 'file', key: 'plans.v.file' }]));
        if (file.length >= MAX_PLAN_BYTES)
          return renderImport(req, reply, formErrors(req.t, [{ field: 'file', key: 'plans.v.fileTooLarge' }]));
        let json: unknown;
        const refused = (problems: { path: string; key: string; params?: Record<string, string | number> }[]) =>
          renderImport(
            req,
            reply,
            formErrors(req.t, [{ field: 'file', key: 'plans.v.problems', params: { count: problems.length } }]),
            problems.map((p) => ({ path: p.path, message: req.t(p.key, p.params) })),
          );
        if (file.subarray(0, 4).equals(ZIP)) {
          // The XLSX template: read into the exchange format, or refused with every problem by sheet, row and column.
          const read = await readPlanXlsx(file);
          if (!read.ok) return refused(read.problems);
          json = read.json;
        } else
          try {
            json = JSON.parse(file.toString('utf8').replace(/^\uFEFF/, ''));
          } catch {
            return renderImport(req, reply, formErrors(req.t, [{ field: 'file', key: 'plans.v.notJson' }]));
          }
        try {
          const r = await importPlan({ ...useCaseOf(req, services), hooks, json });
          return await reply.redirect(`/action-plans/${r.id}?done=imported`, 303);
        } catch (e) {
          if (!isPlanImportError(e)) throw e;
          return refused(e.problems);
        }
      });
    });
  };
}
