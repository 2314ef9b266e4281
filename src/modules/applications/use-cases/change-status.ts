import type { PoolClient } from 'pg';
import { can, type TenantActor, type Who } from '../../../platform/policy.js';
import { AppError, ValidationError, problem } from '../../../platform/errors.js';
import type { AuditWriter } from '../../../platform/audit.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { kyivToday } from '../../../platform/dates.js';
import {
  addHistory,
  assignees,
  loadService,
  setAssignee,
  setStatus,
  type ApplicationRow,
} from '../applications.queries.js';
import { canAssign, needsPerson, requireApplication, scopeOf } from '../applications.policy.js';
import type { CommandFollowers } from '../applications.hooks.js';
import {
  TRANSITIONS,
  checkInput,
  nextStatus,
  type Command,
  type CommandInput,
  type Status,
} from '../status-machine.js';
import { applyEffects } from '../status-effects.js';

export type ChangeStatusOptions = UseCase<{
  id: string;
  /** A command of the status machine, or `assign` (who handles the application; status unchanged). */
  command: Command | 'assign';
  input: CommandInput & { assigneeId?: string | null };
  /** The version the user saw; a different current version means someone changed it meanwhile (409). */
  version?: number;
  /** What follows the command in other modules (`commandFollowers` of the extension points). */
  followers?: CommandFollowers;
}>;

export interface ChangeResult {
  id: string;
  status: Status;
  version: number;
}

/**
 * Drives the status machine: checks the actor may do the command on this application, that the
 * status allows it and the input is complete, applies its effects (numbering, pause, resumption
 * with the deadline recomputed, decision) and records the timeline and the audit entry.
 */
export async function changeStatus(o: ChangeStatusOptions): Promise<ChangeResult> {
  return inTenant(o, 'applications.read', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireApplication(c, actor, 'applications.read', o.id, true);
    if (o.version !== undefined && o.version !== a.version)
      throw new AppError('conflict', { messageKey: 'applications.errors.stale' });
    const base = { hromadaId, applicationId: a.id, by: actor };
    if (o.command === 'assign') return assign(c, o, actor, a, base, audit);

    const command = o.command;
    if (!can(actor, TRANSITIONS[command].action, scopeOf(hromadaId, a))) throw new AppError('forbidden');
    const to = nextStatus(a.status, command);
    if (!to) throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
    if (needsPerson(a, command))
      throw new AppError('conflict', { messageKey: 'applications.errors.personUnconfirmed' });
    const today = kyivToday();
    const problems = checkInput(command, o.input, today);
    if (problems.length) throw new ValidationError(problems);

    const service = command === 'register' ? await loadService(c, hromadaId, a.service_id) : null;
    const effects = await applyEffects(c, {
      hromadaId,
      actor,
      a,
      command,
      input: o.input,
      today,
      service,
      box: o.services.box,
      followers: { effects: [], issueDecision: undefined, ...o.followers, audit },
    });
    const version = await setStatus(c, a.id, to);
    await addHistory(c, { ...base, event: command, from: a.status, to, note: effects.note, data: effects.data });
    await audit({
      action: `application.${command}`,
      operation: 'write',
      entityType: 'application',
      entityId: a.id,
      fields: ['status', ...effects.fields],
    });
    return { id: a.id, status: to, version };
  });
}

async function assign(
  c: PoolClient,
  o: ChangeStatusOptions,
  actor: TenantActor,
  a: ApplicationRow,
  base: { hromadaId: number; applicationId: string; by: Who },
  audit: AuditWriter,
): Promise<ChangeResult> {
  if (!can(actor, 'applications.process', scopeOf(base.hromadaId, a))) throw new AppError('forbidden');
  if (!canAssign(actor, base.hromadaId, a))
    throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
  const assigneeId = o.input.assigneeId ?? null;
  const candidate = assigneeId ? (await assignees(c, base.hromadaId)).find((u) => u.id === assigneeId) : null;
  if (assigneeId && !candidate) throw problem('assigneeId', 'applications.v.assigneeInvalid');
  const version = await setAssignee(c, a.id, assigneeId);
  await addHistory(c, {
    ...base,
    event: 'assign',
    from: a.status,
    to: a.status,
    note: o.input.note?.trim() || null,
    data: { assigneeId, assignee: candidate?.name ?? null },
  });
  await audit({
    action: 'application.assign',
    operation: 'write',
    entityType: 'application',
    entityId: a.id,
    fields: ['assignee'],
  });
  return { id: a.id, status: a.status, version };
}
