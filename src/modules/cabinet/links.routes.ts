import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError, ValidationError, type Problem } from '../../platform/errors.js';
import { formErrors, parseBody, parseQuery, parseWith } from '../../platform/forms.js';
import { authorize } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { linkForm, linkTarget, linkValues } from './cabinet.schema.js';
import { linkResident } from './use-cases/link-resident.js';
import { showLinkForm } from './use-cases/show-link-form.js';

interface LinkValues {
  email: string;
  checked: string;
  nameConfirmed: string;
}
const NO_VALUES: LinkValues = { email: '', checked: '', nameConfirmed: '' };

/** Staff: link a resident's account to a registry person after checking the ID document in person. */
export function linkRoutes(services: Services) {
  async function form(
    req: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    values: LinkValues | Record<string, never>,
    problems: Problem[] = [],
    status = 200,
    names?: { accountName: string; personName: string },
  ) {
    const person = await showLinkForm({ ...useCaseOf(req, services), personId });
    return reply.page(
      'cabinet/views/link.njk',
      {
        pageTitle: req.t('cabinet.link.title'),
        person: { id: personId, name: person.name },
        values,
        names,
        ...formErrors(req.t, problems),
      },
      status,
    );
  }

  /** The person's id of the form or the query: a malformed one is not found. */
  const targetOf = (value: unknown): string => {
    const target = parseWith(linkTarget, value);
    if (!target.ok) throw new AppError('not_found');
    return target.data.personId;
  };

  return function (app: FastifyInstance) {
    app.get('/cabinet-links/new', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const q = parseQuery(req, linkTarget);
      if (!q.ok) throw new AppError('not_found');
      return form(req, reply, q.data.personId, {});
    });

    app.post('/cabinet-links', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const personId = targetOf(req.body);
      const parsed = parseBody(req, linkForm);
      const typed = parseWith(linkValues, req.body);
      const values: LinkValues = typed.ok
        ? { email: typed.data.email, checked: typed.data.checked, nameConfirmed: typed.data.nameConfirmed }
        : NO_VALUES;
      if (!parsed.ok) return form(req, reply, personId, values, parsed.problems, 400);
      try {
        const r = await linkResident({
          ...useCaseOf(req, services),
          personId,
          email: parsed.data.email,
          nameConfirmed: parsed.data.nameConfirmed === 'yes',
        });
        const names = { accountName: r.accountName, personName: r.personName };
        if (r.kind === 'names_differ') {
          // Both names side by side; linking needs the staff member's explicit confirmation.
          const problems: Problem[] =
            parsed.data.namesShown !== '1' ? [] : [{ field: 'nameConfirmed', key: 'cabinet.link.v.nameConfirmed' }];
          return await form(
            req,
            reply,
            personId,
            { ...values, nameConfirmed: '' },
            problems,
            problems.length ? 400 : 200,
            names,
          );
        }
        return await reply.page('cabinet/views/linked.njk', {
          pageTitle: req.t('cabinet.link.doneTitle'),
          personId,
          names,
          text: req.t(r.created ? 'cabinet.link.done' : 'cabinet.link.already'),
        });
      } catch (e) {
        if (e instanceof ValidationError) return await form(req, reply, personId, values, e.problems, 400);
        throw e;
      }
    });
    return Promise.resolve();
  };
}
