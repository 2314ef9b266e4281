import { describe, expect, it } from 'vitest';
import { auditWriter } from '../../platform/audit.js';
import type { Queryable } from '../../platform/db.js';
import { residentActor } from './residents.context.js';

/** The values of the one INSERT an audit writer sends (hromada, actor id, actor label, action, …). */
async function written(write: (db: Queryable) => Promise<void>) {
  const calls: unknown[][] = [];
  const db = {
    query: (q: string | { values: unknown[] }, values?: unknown[]) => {
      calls.push(typeof q === 'string' ? (values ?? []) : q.values);
      return Promise.resolve({ rows: [], rowCount: 1 });
    },
  };
  await write(db as unknown as Queryable);
  return calls;
}

describe("a resident's own account events in the audit", () => {
  it('name the resident by id only, with no label and no hromada', async () => {
    const calls = await written((db) =>
      auditWriter(db, residentActor('u-1'), { ip: '10.0.0.1', requestId: 'r-1' })({
        action: 'resident.verify_email',
        operation: 'auth',
        entityType: 'user',
        entityId: 'u-1',
        fields: ['email_verified_at'],
      }),
    );
    expect(calls).toEqual([
      [
        null,
        'u-1',
        null,
        'resident.verify_email',
        'auth',
        'user',
        'u-1',
        ['email_verified_at'],
        null,
        '10.0.0.1',
        'r-1',
      ],
    ]);
  });

  it('name nobody when no one is signed in', async () => {
    const calls = await written((db) =>
      auditWriter(db, null, { ip: '10.0.0.1' })({ action: 'resident.verification_resent', operation: 'auth' }),
    );
    expect(calls).toEqual([
      [null, null, null, 'resident.verification_resent', 'auth', null, null, [], null, '10.0.0.1', null],
    ]);
  });
});
