import { AppError, problem } from '../../../platform/errors.js';
import { auditWriter } from '../../../platform/audit.js';
import { translator } from '../../../platform/i18n.js';
import type { UseCase } from '../../../platform/use-case.js';
import { publicHromadaId } from '../../catalogue/catalogue.queries.js';
import { residentLinks } from '../../residents/links.queries.js';
import { loginEmail } from '../../residents/residents.queries.js';
import type { Urgency } from '../signal-rules.js';
import { createSignal } from '../signals.create.js';
import { reportsInLastDay } from '../signals.queries.js';

/** How many reports a resident may send in a day (more is refused: the hotline takes the rest). */
export const RESIDENT_REPORTS_PER_DAY = 5;

export interface ResidentReport {
  /** About the resident themself, or about someone else (a child or an adult they worry about). */
  about: 'self' | 'other';
  subjectName?: string;
  subjectAge?: number;
  subjectChild: boolean;
  place?: string;
  observed: string;
  urgency: Urgency;
  contact?: string;
}

/**
 * A resident's own report from the cabinet (early detection, issue 11 item 6): about themself — their registry record
 * when the account is linked to one in the hromada — or about someone else, with what they saw and how urgent it is.
 * It goes to the hromada of the public pages as a signal with its triage clock («звернення самої особи», or another
 * resident's report); the resident is its reporter, reachable at the contact given (the account's e-mail by default).
 * At most `RESIDENT_REPORTS_PER_DAY` a day. The resident gets the number, not the signal: its handling is the
 * children's service's and social workers'. Audited in that hromada's trail.
 */
export async function reportSignal(o: UseCase<{ input: ResidentReport; now?: Date }>): Promise<{ number: string }> {
  const actor = o.actor;
  if (!actor || actor.kind !== 'resident') throw new AppError('unauthenticated');
  const hromadaId = await publicHromadaId(o.services.db);
  if (hromadaId === null) throw new AppError('unavailable');
  const i = o.input;
  if (i.about === 'other' && !i.subjectName?.trim()) throw problem('subjectName', 'signals.resident.v.subjectName');
  const own =
    i.about === 'self'
      ? ((await residentLinks(o.services.db, actor.userId)).find((l) => l.hromadaId === hromadaId)?.personId ?? null)
      : null;
  const email = await loginEmail(o.services.db, actor.userId);
  const now = o.now ?? new Date();
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    if ((await reportsInLastDay(c, hromadaId, actor.userId)) >= RESIDENT_REPORTS_PER_DAY)
      throw problem('observed', 'signals.resident.v.tooMany', { count: RESIDENT_REPORTS_PER_DAY });
    const r = await createSignal(c, {
      hromadaId,
      by: actor,
      audit: auditWriter(c, actor, o.meta, { hromadaId }),
      now,
      fields: {
        source: i.about === 'self' ? 'self' : 'other',
        sourceDetail: i.about === 'self' ? null : translator('uk')('signals.resident.sourceDetail'),
        personId: own,
        subjectName: own ? null : i.about === 'self' ? actor.displayName : (i.subjectName?.trim() ?? null),
        subjectAge: i.subjectAge ?? null,
        subjectChild: i.subjectChild,
        place: i.place ?? null,
        observed: i.observed,
        urgency: i.urgency,
        receivedAt: now,
        anonymous: false,
        reporterName: actor.displayName,
        reporterContact: i.contact?.trim() || email,
      },
    });
    return { number: r.number };
  });
}
