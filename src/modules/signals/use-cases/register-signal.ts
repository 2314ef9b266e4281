import { problem, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { receivedAtProblem, type SignalSource, type Urgency } from '../signal-rules.js';
import { createSignal } from '../signals.create.js';

/** What a signal is registered with (the form's and the API's input). */
export interface SignalInput {
  source: SignalSource;
  sourceDetail?: string;
  personId?: string;
  subjectName?: string;
  subjectAge?: number;
  subjectChild: boolean;
  place?: string;
  observed: string;
  urgency: Urgency;
  receivedAt: Date;
  anonymous: boolean;
  reporterName?: string;
  reporterContact?: string;
}

/**
 * Registers a signal about a person at risk: who it is about (a registry person within the actor's reach, or a
 * name as told), what was observed, how urgent; numbered per year, its triage deadline set from the hromada's
 * hours for its urgency. `now` is the clock it is judged by (received not in the future). Audited.
 */
export async function registerSignal(
  o: UseCase<{ input: SignalInput; now?: Date }>,
): Promise<{ id: string; number: string; triageDueAt: Date }> {
  return inTenant(o, 'signals.register', async ({ c, actor, hromadaId, audit }) => {
    const i = o.input;
    const now = o.now ?? new Date();
    if (!i.personId && !i.subjectName?.trim()) throw problem('subjectName', 'signals.v.subject');
    if (i.personId) {
      const scope = await requirePerson(c, actor, 'registry.read', i.personId);
      if (scope.mergedInto) throw problem('subjectName', 'signals.v.merged');
    }
    const when = receivedAtProblem(i.receivedAt, now);
    if (when)
      throw new ValidationError([{ field: 'receivedAt', key: `signals.v.received.${when}`, href: '#receivedAt-day' }]);
    if (i.anonymous && (i.reporterName || i.reporterContact)) throw problem('reporterName', 'signals.v.anonymous');
    return createSignal(c, {
      hromadaId,
      by: actor,
      audit,
      now,
      fields: {
        source: i.source,
        sourceDetail: i.sourceDetail ?? null,
        personId: i.personId ?? null,
        subjectName: i.personId ? null : (i.subjectName?.trim() ?? null),
        subjectAge: i.subjectAge ?? null,
        subjectChild: i.subjectChild,
        place: i.place ?? null,
        observed: i.observed,
        urgency: i.urgency,
        receivedAt: i.receivedAt,
        anonymous: i.anonymous,
        reporterName: i.anonymous ? null : (i.reporterName ?? null),
        reporterContact: i.anonymous ? null : (i.reporterContact ?? null),
      },
    });
  });
}
