import { asResident, type ResidentCase } from '../cabinet.policy.js';
import { residentDocuments, type ResidentDocumentRow } from '../cabinet.queries.js';

/** «Мої документи»: the resident's library, newest first. */
export const listMyDocuments = (o: ResidentCase): Promise<ResidentDocumentRow[]> =>
  asResident(o.services, o.actor, o.meta, ({ c }) => residentDocuments(c, o.actor.userId));
