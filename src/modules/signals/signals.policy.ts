import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { can, type Action, type TenantActor } from '../../platform/policy.js';
import { loadSignal, type SignalRow } from './signals.queries.js';

/**
 * Loads a signal and checks the action on it. An unknown id and another hromada's signal are «not found»;
 * a role without the action is «forbidden». Signals reach the whole hromada (the children's service, workers and
 * managers work every signal of it).
 */
export async function requireSignal(
  c: PoolClient,
  actor: TenantActor,
  action: Extract<Action, `signals.${string}`>,
  id: string,
  lock = false,
): Promise<SignalRow> {
  if (!isUuid(id)) throw new AppError('not_found');
  const row = await loadSignal(c, actor.hromadaId, id, lock);
  if (!row) throw new AppError('not_found');
  if (!can(actor, action, { hromadaId: actor.hromadaId })) throw new AppError('forbidden');
  return row;
}

/** A closed signal keeps its outcome: nothing more may be done with it. */
export function requireOpenSignal(row: Pick<SignalRow, 'status'>): void {
  if (row.status === 'closed') throw new AppError('conflict', { messageKey: 'signals.errors.closed' });
}
