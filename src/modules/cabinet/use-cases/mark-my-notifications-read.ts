import { markRead } from '../../notifications/notifications.js';
import { asResident, type ResidentCase } from '../cabinet.policy.js';

/** Marks all the resident's notifications read. */
export async function markMyNotificationsRead(o: ResidentCase): Promise<void> {
  await asResident(o.services, o.actor, o.meta, ({ c }) => markRead(c, o.actor.userId));
}
