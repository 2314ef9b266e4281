/**
 * Writing a new signal, shared by the staff's registration and a resident's own report: numbered per year, its triage
 * deadline from the hromada's hours for its urgency, the first entry of its history, the audit entry.
 */
import type { PoolClient } from 'pg';
import type { AuditWriter } from '../../platform/audit.js';
import type { Who } from '../../platform/policy.js';
import { kyivDateTime, triageDueAt, type SignalSource, type Urgency } from './signal-rules.js';
import { addSignalEvent, insertSignal, nextSignalNumber, triageHours } from './signals.queries.js';

export interface NewSignalFields {
  source: SignalSource;
  sourceDetail: string | null;
  personId: string | null;
  subjectName: string | null;
  subjectAge: number | null;
  subjectChild: boolean;
  place: string | null;
  observed: string;
  urgency: Urgency;
  receivedAt: Date;
  anonymous: boolean;
  reporterName: string | null;
  reporterContact: string | null;
}

export async function createSignal(
  c: PoolClient,
  x: { hromadaId: number; by: Who; audit: AuditWriter; now: Date; fields: NewSignalFields },
): Promise<{ id: string; number: string; triageDueAt: Date }> {
  const f = x.fields;
  const due = triageDueAt(f.receivedAt, f.urgency, await triageHours(c, x.hromadaId));
  const number = await nextSignalNumber(c, x.hromadaId, Number(kyivDateTime(x.now).date.slice(0, 4)));
  const id = await insertSignal(c, { hromadaId: x.hromadaId, number, ...f, triageDueAt: due, createdBy: x.by.userId });
  await addSignalEvent(c, {
    hromadaId: x.hromadaId,
    signalId: id,
    by: x.by,
    event: 'registered',
    data: { urgency: f.urgency, source: f.source },
  });
  await x.audit({
    action: 'signal.register',
    operation: 'write',
    entityType: 'signal',
    entityId: id,
    fields: ['source', f.personId ? 'person' : 'subject', 'place', 'observed', 'urgency', 'reporter'],
  });
  return { id, number, triageDueAt: due };
}
