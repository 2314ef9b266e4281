import type { TestApp } from './app.js';
import type { Actor } from '../../src/platform/policy.js';
import { staffActor } from '../factories/index.js';

/** The demo worker as an actor with a hromada-wide grant, for calling use-cases directly in test setup. */
export async function workerActor(t: TestApp, hromadaId: number): Promise<Actor> {
  return staffActor(t, { username: 'worker', hromadaId });
}
