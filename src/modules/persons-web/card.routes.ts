import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { displayDate } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { dateFromParts, formErrors, formValues, orRerender } from '../../platform/forms.js';
import { categoryForm, childParams, idParams, parseRegistryForm, revealForm } from './persons-web.schema.js';
import { renderCard } from './card.js';
import { addCategory } from './use-cases/add-category.js';
import { endCategory } from './use-cases/end-category.js';
import { loadCategoryToEnd } from './use-cases/load-category-to-end.js';

/** Path parameters of a person (and a child record); anything else is "not found". */
export function personParams(req: FastifyRequest): { id: string; cid?: string } {
  const withChild = childParams.safeParse(req.params);
  if (withChild.success) return withChild.data;
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new AppError('not_found');
  return p.data;
}

/** The person's card, revealing an identifier, and the categories on it. */
export function cardRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get('/persons/:id', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      return renderCard(services, req, reply, personParams(req).id);
    });

    app.post('/persons/:id/reveal', async (req, reply) => {
      authorize(req.actor, 'registry.read');
      const { id } = personParams(req);
      const parsed = revealForm.safeParse(formValues(req.body));
      if (!parsed.success) throw new AppError('bad_request');
      return renderCard(services, req, reply, id, { reveal: parsed.data.field });
    });

    app.post('/persons/:id/categories', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id } = personParams(req);
      const values = formValues(req.body);
      const parsed = parseRegistryForm(categoryForm, {
        code: values.code,
        evidence: values.evidence,
        details: values.details,
        validFrom: dateFromParts(values, 'validFrom'),
        validTo: dateFromParts(values, 'validTo'),
      });
      if (!parsed.ok) {
        return renderCard(services, req, reply, id, {
          form: { name: 'category', errors: formErrors(req.t, parsed.problems), values },
        });
      }
      const done = await orRerender(
        req,
        () => addCategory({ ...useCaseOf(req, services), personId: id, input: parsed.data }),
        (errors) => renderCard(services, req, reply, id, { form: { name: 'category', values, errors } }),
      );
      return done.done ? reply.redirect(`/persons/${id}?done=categoryAdded#categories`, 303) : done.reply;
    });

    app.get('/persons/:id/categories/:cid/end', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, cid } = personParams(req);
      if (!cid) throw new AppError('not_found');
      const k = await loadCategoryToEnd({ ...useCaseOf(req, services), personId: id, categoryId: cid });
      const name = req.locale === 'en' ? k.name_en : k.name_uk;
      noStore(reply);
      return reply.page('persons-web/views/confirm.njk', {
        pageTitle: req.t('personsWeb.cat.endTitle'),
        heading: req.t('personsWeb.cat.endTitle'),
        text: req.t('personsWeb.cat.endText', {
          name,
          from: displayDate(k.valid_from) || '…',
          to: displayDate(k.valid_to) || '…',
        }),
        action: `/persons/${id}/categories/${cid}/end`,
        button: req.t('personsWeb.cat.endButton'),
        cancel: `/persons/${id}#categories`,
      });
    });

    app.post('/persons/:id/categories/:cid/end', async (req, reply) => {
      authorize(req.actor, 'registry.write');
      const { id, cid } = personParams(req);
      if (!cid) throw new AppError('not_found');
      await endCategory({ ...useCaseOf(req, services), personId: id, categoryId: cid });
      return reply.redirect(`/persons/${id}?done=categoryEnded#categories`, 303);
    });
    return Promise.resolve();
  };
}
