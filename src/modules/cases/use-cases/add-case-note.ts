import { problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent, insertCaseNote, touchCase } from '../cases.queries.js';
import type { NoteForm } from '../cases.schema.js';

/**
 * Adds a case note (a visit, a call, a meeting …) on the day it happened: not in the future and not
 * before the case opened; a closed case takes no notes. In the timeline too; audited.
 */
export async function addCaseNote(o: UseCase<{ id: string; input: NoteForm }>): Promise<string> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const on = o.input.happenedOn;
    if (on > kyivToday()) throw problem('happenedOn', 'cases.v.happenedFuture');
    if (on < row.opened_on) throw problem('happenedOn', 'cases.v.happenedBeforeOpen');
    const id = await insertCaseNote(c, {
      hromadaId,
      caseId: row.id,
      kind: o.input.kind,
      happenedOn: on,
      text: o.input.text,
      by: actor,
    });
    await touchCase(c, hromadaId, row.id);
    await addCaseEvent(c, { hromadaId, caseId: row.id, by: actor, event: 'note', data: { kind: o.input.kind, on } });
    await audit({
      action: 'case.note',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['notes'],
    });
    return id;
  });
}
