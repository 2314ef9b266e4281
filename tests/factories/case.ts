import type { TestApp } from '../helpers/app.js';
import { openCase, type OpenCaseInput } from '../../src/modules/cases/use-cases/open-case.js';
import { requestClosure } from '../../src/modules/cases/use-cases/request-closure.js';
import { decideClosure } from '../../src/modules/cases/use-cases/decide-closure.js';
import { staffActor } from './staff.js';

export type CaseOptions = Partial<OpenCaseInput> & {
  /** Who opens it and so manages it (a username; the demo `worker` by default). */
  by?: string;
  /** Or the opener's user id (a staff user made by `staffUser`). */
  byUserId?: string;
};

/**
 * A case opened as the case pages do (the open-case use-case: numbering, the manager on the team, the
 * timeline, the audit entry): of a person or household, or from a granted application. Returns its id and number.
 */
export async function kase(t: TestApp, o: CaseOptions): Promise<{ id: string; number: string }> {
  const { by, byUserId, ...input } = o;
  const actor = await staffActor(t, byUserId ? { userId: byUserId } : { username: by ?? 'worker' });
  return openCase({ services: t.services, actor, input: { typeCode: 'other', priority: 'normal', ...input } });
}

/**
 * Closes a case the way the pages do: its manager (`by`, the demo `worker` by default) asks for the closure
 * with a reason and the demo `manager` approves it.
 */
export async function closeCase(t: TestApp, caseId: string, o: { by?: string; reason?: string } = {}): Promise<void> {
  const worker = await staffActor(t, { username: o.by ?? 'worker' });
  await requestClosure({ services: t.services, actor: worker, id: caseId, reason: o.reason ?? 'Потреби задоволено' });
  const manager = await staffActor(t, { username: 'manager' });
  await decideClosure({ services: t.services, actor: manager, id: caseId, decision: 'approve' });
}
