import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit, type AuditEntry } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { addHistory, assignees, loadService, type ApplicationRow } from '../applications.queries.js';
import { canAssign, needsPerson, requireApplication, scopeOf } from '../applications.policy.js';
import { TRANSITIONS, checkInput, nextStatus, type Command, type CommandInput, type Status } from '../status-machine.js';
import { kyivToday } from '../working-days.js';
import { applyEffects } from './status-effects.js';

export interface ChangeStatusOptions {
  services: Services;
  actor: Actor | null;
  id: string;
  /** A command of the status machine, or `assign` (who handles the application; status unchanged). */
  command: Command | 'assign';
  input: CommandInput & { assigneeId?: string | null };
  /** The version the user saw; a different current version means someone changed it meanwhile (409). */
  version?: number;
  meta?: RequestMeta;
}

export interface ChangeResult { id: string; status: Status; version: number }

/**
 * Drives the status machine: checks the actor may do the command on this application, that the
 * status allows it and the input is complete, applies its effects (numbering, pause, resumption
 * with the deadline recomputed, decision) and records the timeline and the audit entry.
 */
export async function changeStatus(o: ChangeStatusOptions): Promise<ChangeResult> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => changeStatusIn(c, o));
}

export async function changeStatusIn(c: PoolClient, o: ChangeStatusOptions): Promise<ChangeResult> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const a = await requireApplication(c, actor, 'applications.read', o.id, true);
  if (o.version !== undefined && o.version !== a.version) throw new AppError('conflict', { messageKey: 'applications.errors.stale' });
  const base = { hromadaId, applicationId: a.id, actorId: actor.userId, actorLabel: actor.displayName };
  const audit = { hromadaId, actorId: actor.userId, actorLabel: actor.displayName, operation: 'write' as const,
    entityType: 'application', entityId: a.id, ip: o.meta?.ip, requestId: o.meta?.requestId };
  if (o.command === 'assign') return assign(c, o, a, base, audit);

  const command = o.command;
  if (!can(actor, TRANSITIONS[command].action, scopeOf(hromadaId, a))) throw new AppError('forbidden');
  const to = nextStatus(a.status, command);
  if (!to) throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
  if (needsPerson(a, command)) throw new AppError('conflict', { messageKey: 'applications.errors.personUnconfirmed' });
  const today = kyivToday();
  const problems = checkInput(command, o.input, today);
  if (problems.length) throw new AppError('validation', { messageKey: problems[0].key, details: { problems } });

  const service = command === 'register' ? await loadService(c, hromadaId, a.service_id) : null;
  const effects = await applyEffects(c, { hromadaId, actorId: actor.userId, a, command, input: o.input, today, service, box: o.services.box });
  const { rows } = await c.query<{ version: number }>(
    `UPDATE applications SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`, [a.id, to]);
  await addHistory(c, { ...base, event: command, from: a.status, to, note: effects.note, data: effects.data });
  await writeAudit(c, { ...audit, action: `application.${command}`, fields: ['status', ...effects.fields] });
  return { id: a.id, status: to, version: rows[0].version };
}

async function assign(c: PoolClient, o: ChangeStatusOptions, a: ApplicationRow,
  base: { hromadaId: number; applicationId: string; actorId: string; actorLabel: string },
  audit: Omit<AuditEntry, 'action'>): Promise<ChangeResult> {
  const actor = o.actor!;
  if (!can(actor, 'applications.process', scopeOf(base.hromadaId, a))) throw new AppError('forbidden');
  if (!canAssign(actor, base.hromadaId, a)) throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
  const assigneeId = o.input.assigneeId ?? null;
  const candidate = assigneeId ? (await assignees(c, base.hromadaId)).find((u) => u.id === assigneeId) : null;
  if (assigneeId && !candidate) {
    throw new AppError('validation', { messageKey: 'applications.v.assigneeInvalid', details: { problems: [{ field: 'assigneeId', key: 'applications.v.assigneeInvalid' }] } });
  }
  const { rows } = await c.query<{ version: number }>(
    'UPDATE applications SET assignee_id = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version',
    [a.id, assigneeId]);
  await addHistory(c, { ...base, event: 'assign', from: a.status, to: a.status, note: o.input.note?.trim() || null,
    data: { assigneeId, assignee: candidate?.name ?? null } });
  await writeAudit(c, { ...audit, action: 'application.assign', fields: ['assignee'] });
  return { id: a.id, status: a.status, version: rows[0].version };
}
