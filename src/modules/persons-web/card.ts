import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { can } from '../../platform/policy.js';
import type { ConsentRow } from '../consents/consents.queries.js';
import type { PersonHouseholdRow } from '../households/households.queries.js';
import { displayDate } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import { NO_ERRORS, type FormErrors, type FormValues as FormBody } from '../../platform/forms.js';
import { presentCategory, presentPerson } from './persons-web.presenter.js';
import { doneQuery } from './persons-web.schema.js';
import { viewPersonCard } from './use-cases/view-person-card.js';
import { receivedServicesSection } from '../assignments/assignments.sections.js';
import { personApplicationsSection } from '../applications/applications.sections.js';

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

const presentHousehold = (h: PersonHouseholdRow, t: FastifyRequest['t']) => ({
  href: `/households/${h.household_id}`,
  head: [h.head_last_name, h.head_first_name, h.head_patronymic].filter(Boolean).join(' ') || '—',
  relation: t(`households.relation.${h.relation}`),
  joined: displayDate(h.joined_on),
  left: displayDate(h.left_on),
  members: h.members,
});

const presentConsent = (k: ConsentRow, t: FastifyRequest['t']) => ({
  id: k.id,
  purpose: k.purpose,
  legalBasis: t(`consents.basis.${k.legal_basis}`),
  scope: k.scope,
  textVersion: k.text_version,
  givenOn: displayDate(k.given_on),
  recordedBy: k.recorded_by_name ?? '—',
  withdrawnOn: displayDate(k.withdrawn_on),
  channel: t(`consents.channel.${k.channel}`),
});

/** Renders the person's card (an audited read), with an optional reveal or a failed form of the card. */
export async function renderCard(
  services: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  x: CardExtras = {},
) {
  const card = await viewPersonCard({ ...useCaseOf(req, services), id, reveal: x.reveal });
  const t = req.t;
  const { done } = doneQuery.parse(req.query ?? {});
  const person = presentPerson(card.person, t);
  const errors = x.form?.errors ?? NO_ERRORS;
  const categories = card.categories.map((k) => presentCategory(k, req.locale));
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
      households: card.households.map((h) => presentHousehold(h, t)),
      inHousehold: card.households.some((h) => !h.left_on),
      consents: card.consents.map((k) => presentConsent(k, t)),
      canWrite: card.canWrite,
      canReveal: card.canReveal,
      mergedInto: card.person.merged_into,
      canSubjectReport: can(req.actor, 'registry.subjectReport'),
      canMerge: can(req.actor, 'registry.merge'),
      personApplications: await personApplicationsSection(services, req, card.person.id),
      receivedServices: await receivedServicesSection(services, req, card.person.id),
      flash: DONE.find((d) => d === done) ? t(`personsWeb.done.${done ?? ''}`) : null,
      errorSummary: errors.errorSummary,
      categoryErrors: x.form?.name === 'category' ? errors.errors : {},
      consentErrors: x.form?.name === 'consent' ? errors.errors : {},
      categoryValues: x.form?.name === 'category' ? x.form.values : {},
      consentValues: x.form?.name === 'consent' ? x.form.values : {},
      legalBases: ['consent', 'law', 'contract', 'vital_interests', 'public_task'].map((v) => ({
        value: v,
        text: t(`consents.basis.${v}`),
      })),
    },
    errors.errorSummary.length ? 400 : 200,
  );
}
