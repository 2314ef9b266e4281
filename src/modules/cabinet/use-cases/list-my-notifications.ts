import { listNotifications, type NotificationItem } from '../../notifications/notifications.js';
import { asResident, type ResidentCase } from '../cabinet.policy.js';

/** The resident's notifications (registration, document requests, decisions) in every hromada, newest first. */
export const listMyNotifications = (o: ResidentCase): Promise<NotificationItem[]> =>
  asResident(o.services, o.actor, o.meta, ({ c }) => listNotifications(c, o.actor.userId));
