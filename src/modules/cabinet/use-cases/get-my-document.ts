import { AppError } from '../../../platform/errors.js';
import { asResident, type ResidentCase } from '../cabinet.policy.js';
import { residentDocument, type ResidentDocumentRow } from '../cabinet.queries.js';

/** One document of the resident's library (anyone else's, or none → 404), e.g. to confirm its deletion. */
export async function getMyDocument(o: ResidentCase<{ id: string }>): Promise<ResidentDocumentRow> {
  const doc = await asResident(o.services, o.actor, o.meta, ({ c }) => residentDocument(c, o.actor.userId, o.id));
  if (!doc) throw new AppError('not_found');
  return doc;
}
