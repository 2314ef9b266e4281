import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import {
  dateFromParts,
  dateHref,
  dateToParts,
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { kyivToday } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { CONTRACT_FORMS, ENDING_SOON_DAYS, serviceRowNumbers } from './contract-rules.js';
import {
  CONTRACT_FIELDS,
  contractForm,
  contractParams,
  contractsQuery,
  doneQuery,
  newContractQuery,
  overviewQuery,
  terminateForm,
} from './contracts.schema.js';
import { presentContract, presentContractService, presentOrder, unitOptions } from './contracts.presenter.js';
import { CONTRACTS_PAGE_SIZE, listContracts } from './use-cases/list-contracts.js';
import { getContractForm } from './use-cases/get-contract-form.js';
import { createContract } from './use-cases/create-contract.js';
import { viewContract } from './use-cases/view-contract.js';
import { terminateContract } from './use-cases/terminate-contract.js';
import { viewContractsOverview } from './use-cases/view-contracts-overview.js';

const DONE = ['created', 'terminated'] as const;
const CONTRACT_DATES = ['signedOn', 'startsOn', 'endsOn'];

/** Contracts with recipients: the list, the manager's overview, the new-contract form, a contract's page, ending it. */
export function contractRoutes(services: Services) {
  async function renderNew(
    req: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    values: FormValues,
    errors: FormErrors = NO_ERRORS,
  ) {
    const f = await getContractForm({ ...useCaseOf(req, services), personId });
    noStore(reply);
    return reply.page(
      'contracts/views/new.njk',
      {
        pageTitle: req.t('contracts.newTitle'),
        person: f.person,
        agencies: [{ value: '', text: req.t('contracts.chooseProvider') }].concat(
          f.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        ),
        serviceItems: [{ value: '', text: req.t('contracts.chooseService') }].concat(
          f.services.map((s) => ({
            value: s.id,
            text: s.crisis ? `${s.name} (${req.t('contracts.crisis')})` : s.name,
          })),
        ),
        caseItems: [{ value: '', text: req.t('contracts.noCase') }].concat(
          f.cases.map((k) => ({ value: k.id, text: req.t('contracts.caseNumber', { number: k.number }) })),
        ),
        forms: CONTRACT_FORMS.map((x) => ({ value: x, text: req.t(`contracts.form.${x}`) })),
        units: unitOptions(req.t),
        rows: serviceRowNumbers(),
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderContract(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { view: 'page' | 'terminate'; values?: FormValues; errors?: FormErrors },
  ) {
    const v = await viewContract({ ...useCaseOf(req, services), id });
    const { done } = doneQuery.parse(req.query ?? {});
    const errors = o.errors ?? NO_ERRORS;
    const k = presentContract(v.contract, req.t, { today: kyivToday(), reassessmentDays: v.reassessmentDays });
    noStore(reply);
    return reply.page(
      o.view === 'page' ? 'contracts/views/contract.njk' : 'contracts/views/terminate.njk',
      {
        pageTitle: req.t('contracts.contractTitle', { number: k.number }),
        k,
        services: v.services.map((s) => presentContractService(s, req.t)),
        caseLink: v.caseLink,
        hasCase: v.contract.case_id !== null,
        canManage: v.canManage,
        canReadPerson: can(req.actor, 'registry.read'),
        flash: DONE.find((d) => d === done) ? req.t(`contracts.done.${done ?? ''}`) : null,
        values: o.values ?? dateToParts('terminatedOn', kyivToday()),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/contracts', async (req, reply) => {
      authorize(req.actor, 'contracts.read');
      const q = parseQuery(req, contractsQuery);
      const query = q.ok ? q.data : {};
      const page = query.page ?? 1;
      const sort = query.sort ?? 'ends';
      const r = await listContracts({
        ...useCaseOf(req, services),
        filter: {
          agencyId: query.agencyId ?? null,
          personId: null,
          status: query.status ?? null,
          endingBy: null,
          sort,
        },
        page,
      });
      const today = kyivToday();
      const params = { agencyId: query.agencyId, status: query.status, sort: query.sort };
      noStore(reply);
      return reply.page('contracts/views/list.njk', {
        pageTitle: req.t('contracts.listTitle'),
        contracts: r.rows.map((k) => presentContract(k, req.t, { today, reassessmentDays: r.reassessmentDays })),
        total: r.total,
        agencies: [{ value: '', text: req.t('contracts.anyProvider') }].concat(
          r.agencies.map((a) => ({ value: String(a.id), text: a.name })),
        ),
        statuses: [
          { value: '', text: req.t('contracts.anyStatus') },
          { value: 'active', text: req.t('contracts.status.active') },
          { value: 'terminated', text: req.t('contracts.status.terminated') },
        ],
        sorts: ['ends', 'starts', 'number', 'person'].map((s) => ({ value: s, text: req.t(`contracts.sort.${s}`) })),
        query: { agencyId: query.agencyId ? String(query.agencyId) : '', status: query.status ?? '', sort },
        filtered: Boolean(query.agencyId || query.status),
        canOrders: can(req.actor, 'socialOrders.read'),
        pagination: paginate({
          page,
          pageSize: CONTRACTS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/contracts', params, n),
        }),
      });
    });

    app.get('/contracts/overview', async (req, reply) => {
      authorize(req.actor, 'contracts.read');
      const q = parseQuery(req, overviewQuery);
      const days = (q.ok ? q.data.days : undefined) ?? ENDING_SOON_DAYS;
      const page = (q.ok ? q.data.page : undefined) ?? 1;
      const v = await viewContractsOverview({ ...useCaseOf(req, services), days, page });
      noStore(reply);
      return reply.page('contracts/views/overview.njk', {
        pageTitle: req.t('contracts.overviewTitle'),
        days,
        year: v.year,
        reassessmentDays: v.reassessmentDays,
        ending: v.ending.rows.map((k) =>
          presentContract(k, req.t, { today: v.today, reassessmentDays: v.reassessmentDays }),
        ),
        endingTotal: v.ending.total,
        orders: v.orders?.map((o) => presentOrder(o.order, o.lines, req.t)) ?? null,
        pagination: paginate({
          page,
          pageSize: CONTRACTS_PAGE_SIZE,
          total: v.ending.total,
          href: (n) => pageHref('/contracts/overview', { days: q.ok ? q.data.days : undefined }, n),
        }),
      });
    });

    app.get('/contracts/new', async (req, reply) => {
      authorize(req.actor, 'contracts.manage');
      const q = parseQuery(req, newContractQuery);
      const personId = q.ok ? q.data.personId : undefined;
      if (!personId) return reply.redirect('/persons', 303);
      const today = kyivToday();
      return renderNew(req, reply, personId, {
        form: 'paper',
        ...dateToParts('signedOn', today),
        ...dateToParts('startsOn', today),
      });
    });

    app.post('/contracts', async (req, reply) => {
      authorize(req.actor, 'contracts.manage');
      const values = formValues(req.body);
      const dated: Record<string, unknown> = { ...values };
      for (const d of CONTRACT_DATES) dated[d] = dateFromParts(values, d);
      const parsed = parseWith(contractForm, dated, dateHref(CONTRACT_DATES));
      const personId = parseWith(newContractQuery, { personId: values.personId });
      const pid = personId.ok ? personId.data.personId : undefined;
      if (!pid) return reply.redirect('/persons', 303);
      const show = (errors: FormErrors) => renderNew(req, reply, pid, values, errors);
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: CONTRACT_FIELDS }));
      const done = await orRerender(
        req,
        () => createContract({ ...useCaseOf(req, services), input: parsed.data }),
        (_errors, problems) => show(formErrors(req.t, problems, { order: CONTRACT_FIELDS })),
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/contracts/${done.value}?done=created`, 303);
    });

    app.get('/contracts/:id', async (req, reply) => {
      authorize(req.actor, 'contracts.read');
      return renderContract(req, reply, parseParams(req, contractParams).id, { view: 'page' });
    });

    app.get('/contracts/:id/terminate', async (req, reply) => {
      authorize(req.actor, 'contracts.manage');
      return renderContract(req, reply, parseParams(req, contractParams).id, { view: 'terminate' });
    });

    app.post('/contracts/:id/terminate', async (req, reply) => {
      authorize(req.actor, 'contracts.manage');
      const { id } = parseParams(req, contractParams);
      const values = formValues(req.body);
      const parsed = parseWith(
        terminateForm,
        { ...values, terminatedOn: dateFromParts(values, 'terminatedOn') },
        dateHref(['terminatedOn']),
      );
      const show = (errors: FormErrors) => renderContract(req, reply, id, { view: 'terminate', values, errors });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems));
      const done = await orRerender(
        req,
        () => terminateContract({ ...useCaseOf(req, services), id, ...parsed.data }),
        show,
      );
      if (!done.done) return done.reply;
      return reply.redirect(`/contracts/${id}?done=terminated`, 303);
    });
  };
}
