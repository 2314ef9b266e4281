import { ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffMember } from '../staff-development.policy.js';
import { insertQualification, type QualificationData } from '../staff-development.queries.js';

/** Records a staff member's qualification (position, education, specialty, category); dates not in the future. */
export async function addQualification(o: UseCase<{ id: string; input: QualificationData }>): Promise<string> {
  return inTenant(o, 'staffdev.manage', async ({ c, actor, hromadaId, audit }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.manage', o.id);
    const today = kyivToday();
    const problems: Problem[] = [];
    for (const f of ['positionSince', 'categoryOn'] as const) {
      const d = o.input[f];
      if (d && d > today) problems.push({ field: f, key: 'staffdev.v.future', href: `#${f}-day` });
    }
    if (problems.length) throw new ValidationError(problems);
    const id = await insertQualification(c, hromadaId, member.id, o.input, actor.userId);
    await audit({
      action: 'staffdev.qualification.add',
      operation: 'write',
      entityType: 'user',
      entityId: member.id,
      fields: ['qualifications'],
      reason: `qualification:${id}`,
    });
    return id;
  });
}
