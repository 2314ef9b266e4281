/**
 * Who may read and write an application's conversation. The office: within the applications
 * policy's reach (another hromada's or no such application → 404, another district's → 403);
 * replying needs `messages.write` there. The resident: their own applications only (the cabinet's
 * `withOwnApplication`). A draft has no conversation yet; a withdrawn or completed application's
 * conversation is read-only.
 */
import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { can, type Action, type Actor } from '../../platform/policy.js';
import { queueReach, requireApplication, scopeOf } from '../applications/applications.policy.js';
import type { ApplicationRow } from '../applications/applications.queries.js';
import type { Status } from '../applications/status-machine.js';
import { messageFile, type MessageFileRow } from './messages.queries.js';

/** A draft has no conversation yet (the office does not see it); after withdrawal or completion it is read-only. */
export type ConversationState = 'none' | 'open' | 'closed';
export const conversationState = (s: Status): ConversationState =>
  s === 'draft' ? 'none' : s === 'withdrawn' || s === 'completed' ? 'closed' : 'open';

/** The refusal of a message to a conversation that may not be written any more: 409. */
export const closedConversation = () => new AppError('conflict', { messageKey: 'messages.v.closed' });

/** A message may be added: the application has a conversation (a draft's → 404) and it is not closed (409). */
export function requireOpenConversation(a: Pick<ApplicationRow, 'status'>): void {
  const state = conversationState(a.status);
  if (state === 'none') throw new AppError('not_found');
  if (state === 'closed') throw closedConversation();
}

/** Reading a conversation or answering in it. */
type MessagesAction = Extract<Action, `messages.${string}`>;

/**
 * The application whose conversation the office reads (`messages.read`) or answers
 * (`messages.write`, the row locked), within the actor's reach, and whether the actor may reply.
 */
export async function requireStaffConversation(
  c: PoolClient,
  actor: Actor,
  hromadaId: number,
  action: MessagesAction,
  id: string,
): Promise<{ application: ApplicationRow; mayWrite: boolean }> {
  const application = await requireApplication(c, actor, action, id, action === 'messages.write');
  return { application, mayWrite: can(actor, 'messages.write', scopeOf(hromadaId, application)) };
}

/**
 * The conversation on the office's application page (the application already read within the
 * actor's reach): null for a role without messages, another district's → 403; whether the actor may reply.
 */
export function staffSectionAccess(
  actor: Actor,
  hromadaId: number,
  application: ApplicationRow,
): { mayWrite: boolean } | null {
  if (!can(actor, 'messages.read')) return null;
  const scope = scopeOf(hromadaId, application);
  if (!can(actor, 'messages.read', scope)) throw new AppError('forbidden');
  return { mayWrite: can(actor, 'messages.write', scope) };
}

/** The office's list of unread conversations: the district the actor's queue is limited to (no queue → 403). */
export function unreadReach(actor: Actor): { districtId?: number } {
  const reach = queueReach(actor);
  if (!reach) throw new AppError('forbidden');
  return reach;
}

/** A file sent with a message on this application (a file of another application, or not sent with a message → 404). */
export async function requireMessageFile(
  c: PoolClient,
  applicationId: string,
  documentId: string,
): Promise<MessageFileRow & { storage_key: string }> {
  const file = await messageFile(c, applicationId, documentId);
  if (!file) throw new AppError('not_found');
  return file;
}
