import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { authorize, type Actor } from '../../platform/policy.js';
import { requirePerson } from '../persons/persons.policy.js';
import { isUuid } from './cabinet.access.js';
import { bodyOf, pageErrors, str } from './cabinet.web.js';
import type { Problem } from './use-cases/apply-context.js';
import { linkResident } from './use-cases/link-resident.js';
import { auditBy, requestMeta, writeAudit } from '../../platform/audit.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Staff: link a resident's account to a registry person after checking the ID document in person. */
export function linkRoutes(services: Services) {
  async function form(req: FastifyRequest, reply: FastifyReply, actor: Actor, personId: string, values: Record<string, string>,
    problems: Problem[] = [], status = 200, names?: { accountName: string; personName: string }) {
    const person = await services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, async (c) => {
      await requirePerson(c, actor, 'registry.write', personId);
      const { rows } = await c.query<{ name: string }>(
        "SELECT concat_ws(' ', last_name, first_name, patronymic) AS name FROM persons WHERE id = $1", [personId]);
      // The page shows the person's name: a read of personal data, audited.
      await writeAudit(c, { ...auditBy(actor, requestMeta(req)), action: 'cabinet.link.form', operation: 'read',
        entityType: 'person', entityId: personId, fields: ['name'] });
      return rows[0];
    });
    return reply.page('cabinet/views/link.njk', {
      pageTitle: req.t('cabinet.link.title'), person: { id: personId, name: person.name }, values, names,
      ...pageErrors(problems, req.t),
    }, status);
  }

  return async function (app: FastifyInstance) {
    app.get<{ Querystring: { personId?: string } }>('/cabinet-links/new', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const personId = req.query.personId ?? '';
      if (!isUuid(personId)) throw new AppError('not_found');
      return form(req, reply, req.actor, personId, {});
    });

    app.post('/cabinet-links', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const b = bodyOf(req);
      const personId = str(b.personId);
      if (!isUuid(personId)) throw new AppError('not_found');
      const values = { email: str(b.email), checked: str(b.checked), nameConfirmed: str(b.nameConfirmed) };
      const problems: Problem[] = [];
      if (!EMAIL.test(values.email) || values.email.length > 254) problems.push({ field: 'email', key: 'cabinet.link.v.email' });
      if (values.checked !== 'yes') problems.push({ field: 'checked', key: 'cabinet.link.v.checked' });
      if (problems.length) return form(req, reply, req.actor, personId, values, problems, 400);
      try {
        const r = await linkResident({ services, actor: req.actor, personId, email: values.email,
          nameConfirmed: values.nameConfirmed === 'yes', meta: requestMeta(req) });
        const names = { accountName: r.accountName, personName: r.personName };
        if (r.kind === 'names_differ') {
          // Both names side by side; linking needs the staff member's explicit confirmation.
          const problems: Problem[] = str(b.namesShown) !== '1' ? [] : [{ field: 'nameConfirmed', key: 'cabinet.link.v.nameConfirmed' }];
          return form(req, reply, req.actor, personId, { ...values, nameConfirmed: '' }, problems, problems.length ? 400 : 200, names);
        }
        return reply.page('cabinet/views/linked.njk', {
          pageTitle: req.t('cabinet.link.doneTitle'), personId, names,
          text: req.t(r.created ? 'cabinet.link.done' : 'cabinet.link.already'),
        });
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation') return form(req, reply, req.actor, personId, values, [{ field: 'email', key: e.messageKey }], 400);
        throw e;
      }
    });
  };
}
