import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize, can } from '../../platform/policy.js';
import {
  dateFromParts,
  formErrors,
  formValues,
  many,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { displayDate } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { caseParams } from './cases.schema.js';
import { presentReferral, presentReferralItem } from './referral.presenter.js';
import { LAW_GROUNDS, REFERRAL_KINDS, REFERRAL_SECTIONS } from './referral.queries.js';
import {
  decisionForm,
  newReferralQuery,
  recipientOf,
  referralForm,
  referralListQuery,
  referralParams,
} from './referral.schema.js';
import { getReferralForm } from './use-cases/get-referral-form.js';
import { sendReferral } from './use-cases/send-referral.js';
import { viewReferral } from './use-cases/view-referral.js';
import { decideReferral } from './use-cases/decide-referral.js';
import { listReferrals, REFERRALS_PAGE_SIZE } from './use-cases/list-referrals.js';

const ORDER = [
  'kind',
  'recipient',
  'purpose',
  'sections',
  'basis',
  'consentId',
  'consentGivenOn',
  'lawGround',
  'reason',
];

/** Referral and transfer of a case: the form on the case, the recipients' list, a referral's page and its answer. */
export function referralRoutes(services: Services) {
  async function renderNew(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: FormValues,
    sections: string[],
    errors = NO_ERRORS,
  ) {
    const q = newReferralQuery.parse(req.query ?? {});
    const f = await getReferralForm({ ...useCaseOf(req, services), id, from: q.from });
    const t = req.t;
    const start: FormValues = f.from
      ? { kind: f.from.kind, purpose: f.from.purpose, ...values }
      : { kind: q.kind ?? '', ...values };
    const chosen = new Set(f.from && !Object.keys(values).length ? f.from.sections : sections);
    noStore(reply);
    return reply.page(
      'cases/views/referral-new.njk',
      {
        pageTitle: t('cases.referral.newTitle'),
        caseId: f.row.id,
        number: f.row.number,
        from: f.from && { recipient: f.from.recipient, reason: f.from.decision_reason ?? '' },
        kinds: REFERRAL_KINDS.map((k) => ({
          value: k,
          text: t(`cases.referral.kind.${k}`),
          hint: { text: t(`cases.referral.kindHint.${k}`) },
        })),
        recipients: [
          ...f.agencies
            .filter((a) => a.id !== f.from?.to_agency_id)
            .map((a) => ({ value: `agency:${a.id}`, text: t('cases.referral.toAgency', { name: a.name }) })),
          ...f.staff
            .filter((u) => u.id !== f.from?.to_user_id)
            .map((u) => ({ value: `user:${u.id}`, text: t('cases.referral.toStaff', { name: u.name }) })),
        ],
        sections: REFERRAL_SECTIONS.map((s) => ({
          value: s,
          text: t(`cases.referral.section.${s}`),
          checked: chosen.has(s),
        })),
        consents: f.consents.map((k) => ({
          value: k.id,
          text: t('cases.referral.consentItem', { purpose: k.purpose, date: displayDate(k.given_on) }),
        })),
        lawGrounds: LAW_GROUNDS.map((g) => ({ value: g, text: t(`cases.referral.lawGround.${g}`) })),
        // Sharing without consent on a manager's decision is offered to managers only.
        bases: (['consent', 'consentNow', 'law', 'override'] as const)
          .filter((b) => b !== 'override' || can(req.actor, 'cases.supervise'))
          .map((b) => ({
            value: b,
            text: t(`cases.referral.basis.${b}`),
            hint: b === 'consent' ? undefined : { text: t(`cases.referral.basis.${b}Hint`) },
          })),
        values: start,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  async function renderReferral(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: FormValues = {},
    errors = NO_ERRORS,
  ) {
    const { row, asRecipient } = await viewReferral({ ...useCaseOf(req, services), id });
    noStore(reply);
    return reply.page(
      'cases/views/referral.njk',
      {
        pageTitle: req.t('cases.referral.pageTitle'),
        r: presentReferral(row, req.t),
        asRecipient,
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  return function (app: FastifyInstance) {
    app.get('/cases/:id/referrals/new', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      return renderNew(req, reply, parseParams(req, caseParams).id, {}, []);
    });

    app.post('/cases/:id/referrals', async (req, reply) => {
      authorize(req.actor, 'cases.write');
      const { id } = parseParams(req, caseParams);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = formValues(body);
      const sections = many(body.sections);
      const fail = (errors: FormErrors) => renderNew(req, reply, id, values, sections, errors);
      const form = parseWith(
        referralForm,
        { ...values, sections, consentGivenOn: dateFromParts(values, 'consentGivenOn') },
        (f) => (f === 'consentGivenOn' ? '#consentGivenOn-day' : undefined),
      );
      if (!form.ok) return fail(formErrors(req.t, form.problems, { order: ORDER }));
      const { recipient, ...rest } = form.data;
      const done = await orRerender(
        req,
        () =>
          sendReferral({
            ...useCaseOf(req, services),
            id,
            input: { ...rest, ...recipientOf(recipient) },
            labels: {
              recipient: (name) => req.t('cases.referral.consentPurpose', { name }),
              sections: req.t('cases.referral.sectionsLegend'),
            },
          }),
        fail,
      );
      return done.done ? reply.redirect(`/cases/${id}?done=referralSent#referrals`, 303) : done.reply;
    });

    app.get('/referrals', async (req, reply) => {
      authorize(req.actor, 'referrals.receive');
      const q = parseQuery(req, referralListQuery);
      const query = q.ok ? q.data : {};
      const page = query.page ?? 1;
      const r = await listReferrals({ ...useCaseOf(req, services), status: query.status ?? null, page });
      noStore(reply);
      return reply.page('cases/views/referrals.njk', {
        pageTitle: req.t('cases.referral.inboxTitle'),
        referrals: r.rows.map((x) => presentReferralItem(x, req.t)),
        total: r.total,
        status: query.status ?? '',
        statuses: (['sent', 'accepted', 'declined'] as const).map((s) => ({
          value: s,
          text: req.t(`cases.referral.status.${s}`),
        })),
        pagination: paginate({
          page,
          pageSize: REFERRALS_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/referrals', { status: query.status }, n),
        }),
      });
    });

    app.get('/referrals/:id', async (req, reply) => {
      authorize(req.actor, 'referrals.receive');
      return renderReferral(req, reply, parseParams(req, referralParams).id);
    });

    app.post('/referrals/:id/decision', async (req, reply) => {
      authorize(req.actor, 'referrals.receive');
      const { id } = parseParams(req, referralParams);
      const values = formValues(req.body);
      const fail = (errors: FormErrors) => renderReferral(req, reply, id, values, errors);
      const form = parseWith(decisionForm, values);
      if (!form.ok) return fail(formErrors(req.t, form.problems));
      const done = await orRerender(req, () => decideReferral({ ...useCaseOf(req, services), id, ...form.data }), fail);
      if (!done.done) return done.reply;
      const to =
        done.value.caseId && done.value.status === 'accepted'
          ? `/cases/${done.value.caseId}?done=referralAccepted`
          : `/referrals/${id}`;
      return reply.redirect(to, 303);
    });
    return Promise.resolve();
  };
}
