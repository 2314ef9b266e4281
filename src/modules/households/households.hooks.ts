/**
 * The extension point of the household card (declared on `Hooks` in `households.module.ts`): other modules add
 * their sections to the card (the household's cases), read in the card's one transaction, so this module never
 * imports them.
 */
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import type { Locale } from '../../platform/i18n.js';
import type { TenantWork } from '../../platform/use-case.js';
import type { HouseholdRow } from './households.queries.js';

/** What a section reads with: the card's transaction, actor and audit writer, and the household shown. */
export type HouseholdSectionRead = TenantWork & {
  services: Services;
  household: HouseholdRow;
  t: TFunction;
  locale: Locale;
};

/** A section of the household card, shown in the order the modules contribute them; it audits its own read. */
export interface HouseholdCardSection {
  /** The section's partial, included in the card with the variables `read` returns. */
  template: string;
  /** Reads in the card's transaction, after the household is found and the card's read is audited. */
  read: (x: HouseholdSectionRead) => Promise<Record<string, unknown>>;
}

/** A section as read for one card: its partial and its variables. */
export interface HouseholdSectionView {
  template: string;
  data: Record<string, unknown>;
}
