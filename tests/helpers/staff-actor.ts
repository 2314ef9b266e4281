import type { TestApp } from './app.js';
import type { Actor } from '../../src/platform/policy.js';

/** The demo worker as an actor with a hromada-wide grant, for calling use-cases directly in test setup. */
export async function workerActor(t: TestApp, hromadaId: number): Promise<Actor> {
  const id = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
  return { kind: 'staff', userId: id, displayName: 'Тест', isSuperadmin: false, hromadaId, hromadaName: 'Тест', via: 'session',
    grants: [{ id: 0, hromadaId, role: 'worker', agencyId: null, districtId: null }] };
}
