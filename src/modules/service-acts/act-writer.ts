import type { PoolClient } from 'pg';
import type { Problem } from '../../platform/errors.js';
import { can, type TenantActor } from '../../platform/policy.js';
import { displayDate, kyivToday } from '../../platform/dates.js';
import { DELIVERING, type ActPlace, type Confirmation } from './act-rules.js';
import { agencyScope } from './service-acts.policy.js';
import {
  actConflicts,
  agencyWorkers,
  insertAct,
  loadActAssignment,
  lockWorker,
  type ActAssignmentRow,
  type WorkerRow,
} from './service-acts.queries.js';

/** One act as entered: on a form, a row of a week, a visit of a round or an API call. */
export interface ActInput {
  assignmentId: string;
  workerId: string;
  date: string;
  startsAt?: string;
  minutes: number;
  place: ActPlace;
  confirmedBy: Confirmation;
  confirmReason?: string;
  note?: string;
}

export type WriteResult =
  | { ok: true; id: string; assignment: ActAssignmentRow }
  | { ok: false; problems: Problem[]; assignment?: ActAssignmentRow };

const V = 'acts.v.';

/**
 * What one entry of several acts (a week) reads once: each provider's workers, and the workers already locked in
 * this transaction.
 */
export interface ActMemo {
  workers: Map<number, WorkerRow[]>;
  locked: Set<string>;
}
export const newActMemo = (): ActMemo => ({ workers: new Map(), locked: new Set() });

/**
 * Checks one act and writes it when nothing is wrong; the caller's transaction rolls back if another act of the
 * same entry was refused. An act exists only for a service the person is assigned to (the provider accepted or began
 * the assignment, one the actor may write for), on a day not in the future nor before the assignment, by a worker of
 * the provider, confirmed by the recipient or by the worker with the reason. The worker's acts are serialized
 * (an advisory lock until the commit): acts with a start time may not overlap, an assignment without a time has one
 * act a day, and a worker's day holds at most 24 hours. `field` names a problem's field (a week's row prefixes it).
 */
export async function writeAct(
  c: PoolClient,
  actor: TenantActor,
  input: ActInput,
  o: { field?: (f: string) => string; signature?: { key: string; type: string } | null; memo?: ActMemo } = {},
): Promise<WriteResult> {
  const memo = o.memo ?? newActMemo();
  const hromadaId = actor.hromadaId;
  const f = o.field ?? ((x: string) => x);
  const problems: Problem[] = [];
  const add = (field: string, key: string, params?: Record<string, unknown>) =>
    problems.push({ field: f(field), key: `${V}${key}`, params });

  const a = await loadActAssignment(c, hromadaId, input.assignmentId);
  if (!a || !can(actor, 'acts.write', agencyScope(hromadaId, a.agency_id))) {
    add('assignmentId', 'assignment');
    return { ok: false, problems };
  }
  if (!(DELIVERING as readonly string[]).includes(a.status)) add('assignmentId', 'notAssigned');
  if (input.date > kyivToday()) add('date', 'future');
  else if (input.date < a.from_day) add('date', 'beforeAssignment', { date: displayDate(a.from_day) });
  let workers = memo.workers.get(a.agency_id);
  if (!workers) {
    workers = await agencyWorkers(c, hromadaId, a.agency_id);
    memo.workers.set(a.agency_id, workers);
  }
  if (!workers.some((w) => w.id === input.workerId)) add('workerId', 'worker');
  const reason = input.confirmReason?.trim() || null;
  if (input.confirmedBy === 'worker' && !reason) add('confirmReason', 'reason');
  if (problems.length) return { ok: false, problems, assignment: a };

  if (!memo.locked.has(input.workerId)) {
    await lockWorker(c, hromadaId, input.workerId);
    memo.locked.add(input.workerId);
  }
  const startsAt = input.startsAt ?? null;
  const k = await actConflicts(c, hromadaId, { ...input, assignmentId: a.id, startsAt });
  if (k.overlapping > 0) add('startsAt', 'overlap');
  else if (k.same_day > 0) add('date', 'sameDay');
  else if (k.day_minutes + input.minutes > 24 * 60) add('minutes', 'dayTooLong');
  if (problems.length) return { ok: false, problems, assignment: a };

  const id = await insertAct(c, hromadaId, {
    assignment: a,
    workerId: input.workerId,
    date: input.date,
    startsAt,
    minutes: input.minutes,
    place: input.place,
    confirmedBy: input.confirmedBy,
    confirmReason: input.confirmedBy === 'worker' ? reason : null,
    signature: input.confirmedBy === 'recipient' ? (o.signature ?? null) : null,
    note: input.note?.trim() || null,
    by: actor.userId,
  });
  return { ok: true, id, assignment: a };
}
