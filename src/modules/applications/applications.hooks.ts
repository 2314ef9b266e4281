/**
 * The extension points of the applications module (declared on `Hooks` in `applications.module.ts`):
 * other modules add sections to the staff application page and follow the office's commands in their
 * transaction, so the applications module never imports them.
 */
import type { PoolClient } from 'pg';
import type { TFunction } from 'i18next';
import type { HookRegistry } from '../../platform/modules.js';
import type { SecretBox } from '../../platform/secret-box.js';
import type { Who } from '../../platform/policy.js';
import type { Services } from '../../services.js';
import type { TenantWork } from '../../platform/use-case.js';
import type { AuditWriter } from '../../platform/audit.js';
import type { ApplicationRow } from './applications.queries.js';
import type { Command } from './status-machine.js';

/** What a section reads with: the page's transaction, actor and audit writer, and the application shown. */
export type SectionRead = TenantWork & { services: Services; application: ApplicationRow; t: TFunction };

/** A section of the staff application page, read in the page's one transaction; its template variable is `key`. */
export interface ApplicationSection {
  key: string;
  /** Shown on the application page only, not on the confirmation pages of refusal and withdrawal. */
  pageOnly?: boolean;
  read: (x: SectionRead) => Promise<unknown>;
}

/** What another module does in the transaction of the office's command (with the command's audit writer). */
export type CommandEffect = (
  c: PoolClient,
  x: {
    hromadaId: number;
    /** Who gave the command. */
    actor: Who;
    application: ApplicationRow;
    command: Command;
    today: string;
    audit: AuditWriter;
  },
) => Promise<void>;

/**
 * Records the decision document of a granted or refused application in the command's transaction
 * (the decisions module contributes it); returns its id and number.
 */
export type DecisionIssuer = (
  c: PoolClient,
  x: {
    box: SecretBox;
    hromadaId: number;
    applicationId: string;
    registrationNumber: string;
    kind: 'granted' | 'refused';
  },
) => Promise<{ id: string; number: string }>;

/** What follows the office's command in other modules: their effects, and the issuer of decisions. */
export interface CommandFollowers {
  effects: readonly CommandEffect[];
  issueDecision: DecisionIssuer | undefined;
}

/** The followers of the office's commands, from the extension points (read once, when routes are built). */
export const commandFollowers = (hooks: HookRegistry): CommandFollowers => ({
  effects: hooks.all('applicationCommandEffects'),
  issueDecision: hooks.all('applicationDecisionIssuer')[0],
});
