import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireOpenPackage, residentsFor } from '../outreach.policy.js';
import { packagePersons, workerConflicts } from '../outreach.queries.js';
import { auditResidentsSent, packagePerson } from '../package-contents.js';

export type ConflictOutcome =
  { id: string; status: 'open' } | { id: string; status: 'resolved'; person: ReturnType<typeof packagePerson> | null };

/**
 * What became of the conflicts a device's sync made (decision 0036 part 5): each of the worker's conflicts of the
 * package's trip is still open, or resolved — then with the resident as they are now (the version and values the
 * resolution left, in the package's shape), so the device's next change is based on them and not a conflict again.
 * A conflict of another worker or trip is not answered. Each resident sent is an audited read, as in the package.
 */
export async function learnConflicts(o: UseCase<{ token: string; ids: string[] }>): Promise<ConflictOutcome[]> {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId, audit }) => {
    const { pkg, trip } = await requireOpenPackage(c, actor, o.services.keys.outreach, o.token);
    const conflicts = await workerConflicts(c, hromadaId, { ids: o.ids, userId: actor.userId, tripId: trip.id });
    const resolved = conflicts.filter((k) => k.status === 'resolved');
    const persons = resolved.length
      ? residentsFor(actor, await packagePersons(c, hromadaId, trip.id, [...new Set(resolved.map((k) => k.person_id))]))
      : [];
    await auditResidentsSent(audit, persons, `package:${pkg.id} conflicts`);
    return conflicts.map((k): ConflictOutcome => {
      if (k.status === 'open') return { id: k.id, status: 'open' };
      const p = persons.find((x) => x.id === k.person_id);
      return { id: k.id, status: 'resolved', person: p ? packagePerson(p) : null };
    });
  });
}
