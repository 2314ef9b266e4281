import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication } from '../../applications/applications.policy.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import { scanTargets, type ScanRequirement } from '../cabinet.policy.js';
import { attachmentsOf, type AttachmentRow } from '../cabinet.queries.js';

/**
 * Staff: the files given with an application within their reach (another hromada's → 404), and for
 * the front office or the starosta in reach what a scan may be attached as; the read is audited.
 */
export async function listApplicationDocuments(
  o: UseCase<{ id: string }>,
): Promise<{ application: ApplicationRow; documents: AttachmentRow[]; scanFor: ScanRequirement[] | null }> {
  return inTenant(o, 'applications.read', async ({ c, actor, audit }) => {
    const application = await requireApplication(c, actor, 'applications.read', o.id);
    const documents = await attachmentsOf(c, application.id);
    await audit({
      action: 'application.documents.list',
      operation: 'read',
      entityType: 'application',
      entityId: application.id,
      fields: ['documents'],
    });
    return { application, documents, scanFor: await scanTargets(c, actor, application) };
  });
}
