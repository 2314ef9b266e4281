/**
 * The extension point of the case page (declared on `Hooks` in `cases.module.ts`): other modules add their
 * sections to the case page (needs assessments, signals …), read in the page's one transaction, so this module
 * never imports them. A section links to its own pages for its forms; the case page only shows it.
 */
import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import type { Locale } from '../../platform/i18n.js';
import type { TenantWork } from '../../platform/use-case.js';
import type { CaseRow, TeamRow } from './cases.queries.js';

/** What a section reads with: the page's transaction, actor and audit writer, and the case shown (already checked). */
export type CaseSectionRead = TenantWork & {
  services: Services;
  kase: CaseRow;
  /** The case's present team (managers, supervisors, members and contacts), as the page read it. */
  team: readonly TeamRow[];
  /** Whether the actor may change the case (write permission within reach, and the case not closed). */
  canWrite: boolean;
  t: TFunction;
  locale: Locale;
};

/** A section of the case page, shown in the order the modules contribute them. */
export interface CaseSection {
  /** The section's partial, included in the case page with the variables `read` returns. */
  template: string;
  /** What the section shows as part of the page's audited read (`case.view`). */
  fields?: readonly string[];
  /** Reads in the page's transaction, after the case is found and access to it checked. */
  read: (x: CaseSectionRead) => Promise<Record<string, unknown>>;
}

/** A section as read for one case page: its partial and its variables. */
export interface CaseSectionView {
  template: string;
  data: Record<string, unknown>;
}

/**
 * Told in the plan's transaction when a service of a case's individual plan gets its term (the contract with the
 * provider ends on `endsOn`): the assessments module schedules the re-assessment 30 days before (art. 22).
 */
export type CaseServiceTermListener = (
  x: TenantWork & { services: Services; kase: CaseRow; planItemId: string; endsOn: string },
) => Promise<void>;

/**
 * How a case opens from an early-detection signal (contributed by the signals module, called by `openCase` in its
 * transaction): `check` before the case is written — the signal exists, is locked and may still become a case
 * (otherwise it throws: 404 unknown, 409 closed) — and `opened` after, which records the outcome on the signal.
 */
export interface CaseSignalLink {
  check: (x: TenantWork & { signalId: string }) => Promise<{ number: string }>;
  opened: (x: TenantWork & { signalId: string; caseId: string; caseNumber: string }) => Promise<void>;
}
