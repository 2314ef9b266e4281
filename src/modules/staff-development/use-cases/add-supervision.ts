import { ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireStaffMember } from '../staff-development.policy.js';
import { insertSupervision, type SupervisionData } from '../staff-development.queries.js';
import { topicsProblem } from '../staffdev-rules.js';

/**
 * Records a supervision session of a staff member: individual (the member alone) or group (the member and the chosen
 * colleagues, each of them within the actor's reach — a provider adds only its own staff). The day is not in the
 * future; the topics name no recipient or case: text with an РНОКПП-like number or a case number is refused. One
 * audit entry per participant (their personal data).
 */
export async function addSupervision(
  o: UseCase<{ id: string; input: SupervisionData; participants: string[] }>,
): Promise<string> {
  return inTenant(o, 'staffdev.manage', async ({ c, actor, hromadaId, audit }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.manage', o.id);
    const problems: Problem[] = [];
    if (o.input.heldOn > kyivToday()) problems.push({ field: 'heldOn', key: 'staffdev.v.future', href: '#heldOn-day' });
    const guard = topicsProblem(o.input.topics);
    if (guard) problems.push({ field: 'topics', key: `staffdev.v.topics_${guard}` });
    const others = [...new Set(o.participants)].filter((p) => p !== member.id);
    if (o.input.kind === 'group' && others.length === 0)
      problems.push({ field: 'participants', key: 'staffdev.v.participants' });
    if (o.input.kind === 'individual' && others.length > 0)
      problems.push({ field: 'participants', key: 'staffdev.v.individualAlone' });
    if (problems.length) throw new ValidationError(problems);
    const participants = [member.id];
    for (const p of others) {
      // Each colleague must be a staff member the actor manages; anyone else is refused as a bad choice.
      try {
        participants.push((await requireStaffMember(c, actor, 'staffdev.manage', p)).id);
      } catch {
        throw new ValidationError([{ field: 'participants', key: 'staffdev.v.participants' }]);
      }
    }
    const id = await insertSupervision(c, hromadaId, o.input, participants, actor.userId);
    for (const p of participants)
      await audit({
        action: 'staffdev.supervision.add',
        operation: 'write',
        entityType: 'user',
        entityId: p,
        fields: ['supervisions'],
        reason: `supervision:${id}`,
      });
    return id;
  });
}
