import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { presentListItem } from '../persons-web/persons-web.presenter.js';
import { searchPersons } from '../persons/use-cases/search-persons.js';
import { noStore } from '../../platform/http.js';
import { formValues, NO_ERRORS, oneError, parseParams, type FormErrors } from '../../platform/forms.js';
import { useCaseOf } from '../../platform/use-case.js';
import { MEMBER_RELATIONS } from './households.queries.js';
import { addMemberForm, doneQuery, householdIdParams, memberParams } from './households.schema.js';
import { presentHousehold } from './households.presenter.js';
import { createHousehold } from './use-cases/create-household.js';
import { viewHousehold } from './use-cases/view-household.js';
import { addMember } from './use-cases/add-member.js';
import { removeMember } from './use-cases/remove-member.js';
import { formatDate } from '../../platform/i18n.js';

const DONE = ['created', 'memberAdded', 'memberRemoved'] as const;

/** Households: create from a person's card, the household card, add (by search) and remove members. */
export function householdRoutes(services: Services) {
  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    x: {
      q?: string;
      candidates?: ReturnType<typeof presentListItem>[];
      errors?: FormErrors;
      status?: number;
      confirmRelation?: { personId: string; relation: string; warning: string };
    } = {},
  ) {
    const v = await viewHousehold({
      ...useCaseOf(req, services),
      id,
      page: { sections: req.server.moduleHooks.all('householdCardSections'), t: req.t, locale: req.locale },
    });
    const sectionData: Record<string, unknown> = {};
    for (const s of v.sections) Object.assign(sectionData, s.data);
    const { done } = doneQuery.parse(req.query ?? {});
    const h = presentHousehold(v.household, v.members, req.t);
    const errors = x.errors ?? NO_ERRORS;
    noStore(reply);
    return reply.page(
      'households/views/household.njk',
      {
        pageTitle: req.t('households.title', { head: h.head }),
        household: h,
        canWrite: v.canWrite,
        q: x.q ?? '',
        candidates: x.candidates,
        relations: MEMBER_RELATIONS.map((r) => ({ value: r, text: req.t(`households.relation.${r}`) })),
        flash: DONE.find((d) => d === done) ? req.t(`households.done.${done ?? ''}`) : null,
        ...errors,
        confirmRelation: x.confirmRelation,
        // The other modules' sections: each partial with its variables.
        ...sectionData,
        sectionTemplates: v.sections.map((s) => s.template),
      },
      x.status ?? (errors.errorSummary.length ? 400 : 200),
    );
  }

  return function (app: FastifyInstance) {
    app.post('/households', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const b = formValues(req.body);
      const head = householdIdParams.safeParse({ id: b.headPersonId });
      if (!head.success) throw new AppError('bad_request');
      const id = await createHousehold({
        ...useCaseOf(req, services),
        input: { headPersonId: head.data.id, members: [] },
      });
      return reply.redirect(`/households/${id}?done=created`, 303);
    });

    app.get('/households/:id', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      return render(req, reply, parseParams(req, householdIdParams).id);
    });

    app.post('/households/:id/members/search', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = parseParams(req, householdIdParams);
      const q = (formValues(req.body).q ?? '').slice(0, 200);
      if (!q) return render(req, reply, id, { errors: oneError(req.t, 'q', 'households.v.query') });
      const found = await searchPersons({ ...useCaseOf(req, services), q, filters: {}, limit: 10, offset: 0 });
      return render(req, reply, id, { q, candidates: found.items.map(presentListItem) });
    });

    app.post('/households/:id/members', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = parseParams(req, householdIdParams);
      const body = formValues(req.body);
      const parsed = addMemberForm.safeParse(body);
      if (!parsed.success) return render(req, reply, id, { errors: oneError(req.t, 'q', 'households.v.relation') });
      try {
        const r = await addMember({
          ...useCaseOf(req, services),
          householdId: id,
          ...parsed.data,
          confirm: body.confirm === 'yes',
        });
        if (r.kind === 'needs_confirmation') {
          // The birth dates contradict the relation: shown, and the same addition offered again with a confirmation.
          const warning = req.t(`households.warn.${r.warning}`, {
            relation: req.t(`households.relation.${parsed.data.relation}`),
            member: formatDate(r.memberBirth),
            head: formatDate(r.headBirth),
          });
          const errors = body.confirmShown === '1' ? oneError(req.t, 'confirm', 'households.warn.required') : undefined;
          return await render(req, reply, id, {
            confirmRelation: { ...parsed.data, warning },
            errors,
            status: errors ? 400 : 200,
          });
        }
      } catch (err) {
        if (!isAppError(err) || err.code !== 'conflict') throw err;
        return render(req, reply, id, { errors: oneError(req.t, 'q', err.messageKey), status: 409 });
      }
      return reply.redirect(`/households/${id}?done=memberAdded`, 303);
    });

    app.get('/households/:id/members/:personId/remove', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, personId } = parseParams(req, memberParams);
      const v = await viewHousehold({ ...useCaseOf(req, services), id });
      if (!v.canWrite) throw new AppError('forbidden');
      const member = presentHousehold(v.household, v.members, req.t).present.find((m) => m.personId === personId);
      if (!member) throw new AppError('not_found');
      noStore(reply);
      return reply.page('persons-web/views/confirm.njk', {
        pageTitle: req.t('households.removeTitle'),
        heading: req.t('households.removeTitle'),
        text: req.t('households.removeText', { name: member.name, relation: member.relation }),
        action: `/households/${id}/members/${personId}/remove`,
        button: req.t('households.removeButton'),
        cancel: `/households/${id}`,
      });
    });

    app.post('/households/:id/members/:personId/remove', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, personId } = parseParams(req, memberParams);
      await removeMember({ ...useCaseOf(req, services), householdId: id, personId });
      return reply.redirect(`/households/${id}?done=memberRemoved`, 303);
    });
    return Promise.resolve();
  };
}
