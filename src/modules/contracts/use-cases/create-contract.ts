import { AppError, isAppError, problem, ValidationError, type Problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase } from '../../cases/cases.policy.js';
import {
  agencyName,
  insertContract,
  isUniqueViolation,
  overlappingContract,
  personForContract,
  servicesByIds,
  servicesDelivered,
} from '../contracts.queries.js';
import type { ContractInput } from '../contracts.schema.js';

/**
 * Records a contract with a recipient (art. 22): one provider, one person, all the provider's services to that person
 * with their monthly volume and cost, the term, the form and the day it was signed, and the case whose individual plan
 * is part of it. Refused, with nothing saved: a service the provider does not deliver, a crisis service (those are
 * given without a contract), a second active contract of the provider with the person overlapping the term, a case of
 * another person, a number the provider already used. Audited.
 */
export async function createContract(o: UseCase<{ input: ContractInput }>): Promise<string> {
  const i = o.input;
  try {
    return await inTenant(o, 'contracts.manage', async ({ c, actor, hromadaId, audit }) => {
      const person = await personForContract(c, hromadaId, i.personId);
      if (!person || person.merged_into) throw new AppError('not_found');
      const provider = await agencyName(c, hromadaId, i.agencyId);
      if (!provider) throw problem('agencyId', 'contracts.v.agency');
      const problems: Problem[] = [];
      const ids = i.services.map((s) => s.serviceId);
      const known = new Map((await servicesByIds(c, hromadaId, ids)).map((s) => [s.id, s]));
      const delivered = await servicesDelivered(c, hromadaId, i.agencyId, ids);
      i.services.forEach((s, n) => {
        const field = `service-${n + 1}`;
        const svc = known.get(s.serviceId);
        if (!svc) problems.push({ field, key: 'contracts.v.service' });
        else if (svc.crisis) problems.push({ field, key: 'contracts.v.crisis', params: { service: svc.name } });
        else if (!delivered.has(s.serviceId))
          problems.push({ field, key: 'contracts.v.notDelivered', params: { service: svc.name, provider } });
      });
      if (i.caseId) {
        const { row } = await requireCase(c, actor, 'cases.read', i.caseId).catch((e: unknown) => {
          throw isAppError(e) ? problem('caseId', 'contracts.v.case') : e;
        });
        if (row.person_id !== person.id) problems.push({ field: 'caseId', key: 'contracts.v.caseOfAnother' });
      }
      const overlap = await overlappingContract(c, hromadaId, { ...i, personId: person.id });
      if (overlap)
        problems.push({
          field: 'startsOn',
          key: 'contracts.v.overlap',
          params: { number: overlap.number },
          href: '#startsOn-day',
        });
      if (problems.length) throw new ValidationError(problems);
      const id = await insertContract(c, hromadaId, { ...i, caseId: i.caseId ?? null }, actor.userId);
      await audit({
        action: 'contract.create',
        operation: 'write',
        entityType: 'person',
        entityId: person.id,
        fields: ['contract', 'services'],
        reason: `contract:${id}`,
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problem('number', 'contracts.v.numberTaken');
    throw e;
  }
}
