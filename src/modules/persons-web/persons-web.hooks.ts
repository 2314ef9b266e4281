/**
 * The extension point of the person card (declared on `Hooks` in `persons-web.module.ts`): other modules
 * add their sections to the card (households, consents, applications, services received), read in the
 * card's one transaction, so this module never imports them. Likewise the add-person form starts with
 * what the applicant of an online application typed (`applicantPrefill`, from the applications module).
 */
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import type { Locale } from '../../platform/i18n.js';
import type { TenantWork, UseCase } from '../../platform/use-case.js';
import type { PersonRow } from '../persons/persons.queries.js';

/** What a section reads with: the card's transaction, actor and audit writer, and the person shown. */
export type CardSectionRead = TenantWork & { services: Services; person: PersonRow; t: TFunction; locale: Locale };

/** A section of the person card, shown in the order the modules contribute them. */
export interface PersonCardSection {
  /** The section's partial, included in the card with the variables `read` returns. */
  template: string;
  /** What the section shows as part of the card's audited read (`person.view`); one that audits its own read names none. */
  fields?: readonly string[];
  /** Reads in the card's transaction, after the person is found and the card's read is audited. */
  read: (x: CardSectionRead) => Promise<Record<string, unknown>>;
}

/** A section as read for one card: its partial and its variables. */
export interface CardSectionView {
  template: string;
  data: Record<string, unknown>;
}

/** What the add-person form starts with when a worker adds the applicant of an application to the registry. */
export interface ApplicantPrefill {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  birthDate: string;
  rnokpp: string | null;
  phone: string | null;
}

/** Reads the applicant of an application (an audited read); null when the application already has a person. */
export type ApplicantPrefillReader = (o: UseCase<{ id: string }>) => Promise<ApplicantPrefill | null>;
