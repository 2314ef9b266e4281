import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';
import { publicHromadaOpening } from './action-plans.queries.js';

/**
 * A hromada's public monitoring, without login: only its published plans, and of them only aggregates (tasks by
 * status, indicators, funding) — no person is named. The hromada is found by its КАТОТТГ code among the active ones;
 * an unknown or inactive one, or a plan not published, is «not found».
 */
export async function inPublicHromada<T>(
  services: Services,
  code: string,
  work: (c: PoolClient, hromada: { id: number; name: string }) => Promise<T>,
): Promise<T> {
  if (!/^UA[0-9]{17}$/.test(code)) throw new AppError('not_found');
  return services.db.txOpenedWith(publicHromadaOpening(code), async (c, rows) => {
    const h = rows[0] as { id: number; name: string } | undefined;
    if (!h) throw new AppError('not_found');
    return work(c, h);
  });
}
