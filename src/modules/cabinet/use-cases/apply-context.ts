import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { AppError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/policy.js';
import { byHromada, isUuid, linksOf, livePersonIds } from '../cabinet.access.js';
import { attachmentsOf, findOnlineService, personOptions, type OnlineService, type PersonOption, type RequiredDocument } from '../cabinet.queries.js';
import type { Upload } from '../cabinet.uploads.js';
import { publicHromadaId } from '../../catalogue/catalogue.queries.js';
import type { ApplicantInput } from '../applicant.js';

export interface ApplyContext {
  hromadaId: number; service: OnlineService; documents: RequiredDocument[];
  /** Documents filled in with the applicant at the office: named on the form, never asked for. */
  withOffice: { name: string }[];
  persons: PersonOption[];
  /** No registry person is linked to the account there: the resident types who they are and the office confirms it. */
  unconfirmed: boolean;
}

/**
 * The online service in the hromada of one of the resident's linked persons, with the persons the
 * resident may apply for there. Without a link there, the service of the hromada whose catalogue
 * the public pages show, applied for as a person not yet confirmed. No such online service → 404.
 */
export async function applyContext(services: Services, actor: Actor, serviceId: string): Promise<ApplyContext> {
  if (!isUuid(serviceId)) throw new AppError('not_found');
  const links = await linksOf(services, actor.userId);
  for (const [hromadaId, ids] of byHromada(links)) {
    const found = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const s = await findOnlineService(c, hromadaId, serviceId);
      return s ? { hromadaId, ...s, persons: await personOptions(c, await livePersonIds(c, ids)), unconfirmed: false } : null;
    });
    if (found && found.persons.length) return found;
  }
  const hromadaId = await publicHromadaId(services.db);
  if (hromadaId !== null) {
    const s = await services.db.tx({ hromadaId, userId: actor.userId }, (c) => findOnlineService(c, hromadaId, serviceId));
    if (s) return { hromadaId, ...s, persons: [], unconfirmed: true };
  }
  throw new AppError('not_found');
}

/** What the form carries besides files. */
export interface ApplyInput {
  formKey: string; personId: string | null; categories: string[]; consent: boolean;
  /** A document of the resident's library chosen for a requirement (service document id → resident document id). */
  picks: Map<string, string>;
  uploads: Map<string, Upload>;
  /** Requirements whose file already kept with the draft the resident asked to remove (service document ids). */
  removals?: Set<string>;
  /** Who applies, as typed by a resident without a registry link (`unconfirmed` contexts only), with its problems. */
  applicant?: { input: ApplicantInput | null; problems: Problem[] };
}

export interface Problem { field: string; key: string; params?: Record<string, unknown> }

/** Field name of a requirement's file input and of its library choice. */
export const fileField = (docId: string) => `file-${docId}`;
export const pickField = (docId: string) => `pick-${docId}`;
export const removeField = (docId: string) => `remove-${docId}`;

/** Problems that keep anything from being saved (the others are shown with the draft saved and its files kept). */
export const isBlocking = (p: Problem) => p.field === 'personId' || p.field === 'form';

/**
 * The form's problems: refused files (type by content, size), for review also every required
 * document and the consent; an entirely empty form; a person not the resident's. Only the last two
 * (`isBlocking`) keep the draft from being saved: with the others the draft and its good files are
 * kept and the form is shown again with the problems.
 */
export async function formProblems(c: PoolClient, ctx: ApplyContext, input: ApplyInput, o: { review: boolean; draftId: string | null })
  : Promise<Problem[]> {
  const problems: Problem[] = [];
  if (ctx.unconfirmed) problems.push(...(input.applicant?.problems ?? [{ field: 'applicantLastName', key: 'cabinet.applicant.v.applicantLastName' }]));
  else if (input.personId !== null && !ctx.persons.some((p) => p.id === input.personId)) problems.push({ field: 'personId', key: 'cabinet.apply.v.person' });
  const existing = o.draftId ? await attachmentsOf(c, o.draftId) : [];
  let given = existing.length;
  for (const d of ctx.documents) {
    const u = input.uploads.get(fileField(d.id));
    if (u && !u.ok) {
      problems.push({ field: fileField(d.id), key: u.problem === 'type' ? 'cabinet.file.type' : 'cabinet.file.size', params: { name: d.name } });
      continue;
    }
    const kept = !input.removals?.has(d.id) && existing.some((a) => a.service_document_id === d.id);
    const has = (u && u.ok) || input.picks.has(d.id) || kept;
    if (has) given += 1;
    if (o.review && d.required && !has) problems.push({ field: fileField(d.id), key: 'cabinet.apply.v.missingDocument', params: { name: d.name } });
  }
  if (o.review && !input.consent) problems.push({ field: 'consent', key: 'cabinet.apply.v.consent' });
  if (!o.review && !o.draftId && !ctx.unconfirmed && given === 0 && !input.consent && input.categories.length === 0) {
    problems.push({ field: 'form', key: 'cabinet.apply.v.empty' });
  }
  return problems;
}
