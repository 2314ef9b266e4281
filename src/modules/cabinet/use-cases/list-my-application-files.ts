import { eachResidentHromada, type ResidentCase } from '../cabinet.policy.js';
import { applicationFilesOf, type ApplicationFileRow } from '../cabinet.queries.js';

/**
 * «Мої документи»: the files sent with the resident's own applications (the online form, answers to
 * requests for documents, messages), in every hromada the account is linked to, newest first. Each
 * hromada's listing is audited in its own trail (how many files, not which).
 */
export async function listMyApplicationFiles(o: ResidentCase): Promise<ApplicationFileRow[]> {
  const perHromada = await eachResidentHromada(
    o.services,
    o.actor,
    o.meta,
    { withApplicantOnly: false },
    async ({ c, hromadaId, personIds, audit }) => {
      const files = await applicationFilesOf(c, hromadaId, personIds);
      if (files.length) {
        await audit({
          action: 'cabinet.applicationFiles.list',
          operation: 'read',
          entityType: 'application',
          entityId: null,
          fields: ['documents'],
          reason: `results:${files.length}`,
        });
      }
      return files;
    },
  );
  return perHromada.flat().sort((a, b) => b.uploaded_at.getTime() - a.uploaded_at.getTime());
}
