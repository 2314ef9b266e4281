import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { can } from '../../platform/policy.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { NO_ERRORS, type FormErrors, type FormValues as FormBody } from '../../platform/forms.js';
import { presentCategory, presentPerson } from './persons-web.presenter.js';
import { doneQuery } from './persons-web.schema.js';
import { viewPersonCard } from './use-cases/view-person-card.js';

const DONE = [
  'created',
  'updated',
  'categoryAdded',
  'categoryEnded',
  'consentRecorded',
  'consentWithdrawn',
  'householdCreated',
] as const;

export interface CardExtras {
  reveal?: 'rnokpp' | 'unzr';
  /** Which of the card's forms failed, its errors and posted values. */
  form?: { name: 'category' | 'consent'; errors: FormErrors; values: FormBody };
}

/** Renders the person's card (an audited read), with an optional reveal or a failed form of the card. */
export async function renderCard(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  x: CardExtras = {},
) {
  const card = await viewPersonCard({
    ...useCaseOf(req, services),
    id,
    reveal: x.reveal,
    sections: req.server.moduleHooks.all('personCardSections'),
    t: req.t,
    locale: req.locale,
  });
  const t = req.t;
  const { done } = doneQuery.parse(req.query ?? {});
  const person = presentPerson(card.person, t);
  const errors = x.form?.errors ?? NO_ERRORS;
  const categories = card.categories.map((k) => presentCategory(k, req.locale));
  const sectionData: Record<string, unknown> = {};
  for (const s of card.sections) Object.assign(sectionData, s.data);
  noStore(reply);
  return reply.page(
    'persons-web/views/card.njk',
    {
      pageTitle: person.name,
      person,
      revealed: card.revealed,
      categories: categories.filter((k) => !k.ended),
      endedCategories: categories.filter((k) => k.ended),
      categoryTypes: card.categoryTypes.map((k) => ({
        value: k.code,
        text: req.locale === 'en' ? k.name_en : k.name_uk,
        needsDetails: k.needs_details,
      })),
      // The other modules' sections: each partial with its variables.
      ...sectionData,
      sectionTemplates: card.sections.map((s) => s.template),
      canWrite: card.canWrite,
      canReveal: card.canReveal,
      mergedInto: card.person.merged_into,
      canSubjectReport: can(req.actor, 'registry.subjectReport'),
      canMerge: can(req.actor, 'registry.merge'),
      flash: DONE.find((d) => d === done) ? t(`personsWeb.done.${done ?? ''}`) : null,
      errorSummary: errors.errorSummary,
      categoryErrors: x.form?.name === 'category' ? errors.errors : {},
      consentErrors: x.form?.name === 'consent' ? errors.errors : {},
      categoryValues: x.form?.name === 'category' ? x.form.values : {},
      consentValues: x.form?.name === 'consent' ? x.form.values : {},
    },
    errors.errorSummary.length ? 400 : 200,
  );
}
