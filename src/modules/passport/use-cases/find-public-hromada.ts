import type { Services } from '../../../services.js';
import { inPublicHromada } from '../../action-plans/action-plans.public.js';

/** An active hromada by its КАТОТТГ code, for a public page (an unknown or inactive one is «not found»). */
export async function findPublicHromada(o: { services: Services; code: string }) {
  return inPublicHromada(o.services, o.code, (_c, hromada) => Promise.resolve(hromada));
}
