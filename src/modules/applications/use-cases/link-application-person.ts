import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { recordOnlineConsent } from '../../consents/online-consent.js';
import { addHistory, markApplicantLinked, setPerson } from '../applications.queries.js';
import { requireApplication } from '../applications.policy.js';

/**
 * Links a registry person to an application filed without one (the worker chose a candidate or
 * added the person): the application takes the person (and their district), the timeline says so,
 * the consent ticked online is recorded on the person, and both the application and the person
 * get an audit entry. The resident's account is not linked to the person by this: that needs the
 * identity check (at the first visit or through the identity provider).
 */
export async function linkApplicationPerson(
  o: UseCase<{ id: string; personId: string; version?: number }>,
): Promise<{ version: number }> {
  return inTenant(o, 'applications.process', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireApplication(c, actor, 'applications.process', o.id, true);
    if (o.version !== undefined && o.version !== a.version)
      throw new AppError('conflict', { messageKey: 'applications.errors.stale' });
    if (a.person_id !== null) throw new AppError('conflict', { messageKey: 'applications.link.already' });
    if (a.status === 'draft' || a.status === 'withdrawn') {
      throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
    }
    const scope = await requirePerson(c, actor, 'registry.read', o.personId);
    if (scope.mergedInto) throw new AppError('conflict', { messageKey: 'applications.link.merged' });
    const version = await setPerson(c, a.id, o.personId, scope.districtId ?? null);
    await markApplicantLinked(c, a.id, actor.userId);
    await addHistory(c, {
      hromadaId,
      applicationId: a.id,
      by: actor,
      event: 'personLinked',
      from: a.status,
      to: a.status,
    });
    await recordOnlineConsent(c, { hromadaId, applicationId: a.id, audit });
    await audit({
      action: 'application.person.link',
      operation: 'write',
      entityType: 'application',
      entityId: a.id,
      fields: ['person', 'district'],
    });
    await audit({
      action: 'person.application.link',
      operation: 'write',
      entityType: 'person',
      entityId: o.personId,
      fields: ['applications'],
      reason: `application:${a.id}`,
    });
    return { version };
  });
}
