import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, roleReach, type Action, type Actor, type RecordScope } from '../../platform/policy.js';
import { loadInvoice, type InvoiceRow } from './paid-services.queries.js';

/** Where an invoice sits: its hromada and the provider (agency) that issued it. */
export const scopeOf = (hromadaId: number, agencyId: number): RecordScope => ({ hromadaId, agencyIds: [agencyId] });

/**
 * Loads an invoice and checks the action on it. One the actor may not read — another hromada's, another provider's,
 * no such id — is "not found"; a readable one the actor may not act on is "forbidden".
 */
export async function requireInvoice(c: PoolClient, actor: Actor, action: Action, id: string): Promise<InvoiceRow> {
  const hromadaId = actor.hromadaId;
  if (hromadaId === null || !isUuid(id)) throw new AppError('not_found');
  const row = await loadInvoice(c, hromadaId, id);
  if (!row || !can(actor, 'billing.read', scopeOf(hromadaId, row.agency_id))) throw new AppError('not_found');
  if (!can(actor, action, scopeOf(hromadaId, row.agency_id))) throw new AppError('forbidden');
  return row;
}

/** The agencies whose invoices the actor reads: null for a hromada-wide grant, else its agencies' ids. */
export function invoiceReach(actor: Actor): number[] | null {
  const grants = actor.grants.filter((g) => can({ ...actor, grants: [g] }, 'billing.read'));
  if (grants.some((g) => roleReach(g.role, 'billing.read') === 'hromada')) return null;
  return grants.flatMap((g) => (g.agencyId !== null ? [g.agencyId] : []));
}

/** The agencies asked for, narrowed to the actor's reach (an agency outside it gives an empty list). */
export function agenciesInReach(actor: Actor, agencyId: number | undefined): number[] | null {
  const reach = invoiceReach(actor);
  if (agencyId === undefined) return reach;
  return reach === null || reach.includes(agencyId) ? [agencyId] : [];
}
