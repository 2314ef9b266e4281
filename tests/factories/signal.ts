import type { TestApp } from '../helpers/app.js';
import { registerSignal, type SignalInput } from '../../src/modules/signals/use-cases/register-signal.js';
import { staffActor } from './staff.js';

export type SignalOptions = Partial<SignalInput> & {
  /** Who registers it (a username; the demo `children` by default), or the user id of a `staffUser`. */
  by?: string;
  byUserId?: string;
  hromadaId?: number;
  /** How long ago it was received, in hours (instead of `receivedAt`): a past signal has its clock running down. */
  hoursAgo?: number;
  /** The clock the registration is judged by (a fixed one for a `receivedAt` long past). */
  now?: Date;
};

/**
 * A signal registered as the pages do (the register-signal use-case: numbering, the hromada's triage deadline, the
 * history, the audit entry); about a name as told unless `personId` is given. Returns its id, number and deadline.
 */
export async function signal(
  t: TestApp,
  o: SignalOptions = {},
): Promise<{ id: string; number: string; triageDueAt: Date }> {
  const { by, byUserId, hromadaId, hoursAgo, now, ...input } = o;
  const actor = await staffActor(
    t,
    byUserId ? { userId: byUserId, hromadaId } : { username: by ?? 'children', hromadaId },
  );
  const receivedAt = input.receivedAt ?? new Date(Date.now() - (hoursAgo ?? 1) * 3_600_000);
  return registerSignal({
    services: t.services,
    actor,
    now,
    input: {
      source: 'school',
      subjectChild: true,
      observed: 'Дитина приходить до школи голодною, з синцями',
      urgency: 'normal',
      anonymous: false,
      ...(input.personId ? {} : { subjectName: 'Дитина Тестова' }),
      ...input,
      receivedAt,
    },
  });
}
