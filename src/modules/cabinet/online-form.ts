/**
 * The online application form and the answer to a request for documents: field names, what the
 * form carries besides its files, and its problems. The use-cases `save-draft` and
 * `respond-to-document-request` check and save it.
 */
import type { Queryable } from '../../platform/db.js';
import { ValidationError, type Problem } from '../../platform/errors.js';
import { attachmentsOf, type OnlineService, type PersonOption, type RequiredDocument } from './cabinet.queries.js';
import type { Upload } from './cabinet.uploads.js';
import type { ApplicantInput } from './applicant.js';

export type { Problem } from '../../platform/errors.js';

export interface ApplyContext {
  hromadaId: number;
  service: OnlineService;
  documents: RequiredDocument[];
  /** Documents filled in with the applicant at the office: named on the form, never asked for. */
  withOffice: { name: string }[];
  persons: PersonOption[];
  /** No registry person is linked to the account there: the resident types who they are and the office confirms it. */
  unconfirmed: boolean;
  /** The service's eligible categories with their names. */
  categoryLabels: { code: string; name_uk: string; name_en: string }[];
}

/** What the form carries besides files. */
export interface ApplyInput {
  formKey: string;
  personId: string | null;
  categories: string[];
  consent: boolean;
  /** A document of the resident's library chosen for a requirement (service document id → resident document id). */
  picks: Map<string, string>;
  uploads: Map<string, Upload>;
  /** Requirements whose file already kept with the draft the resident asked to remove (service document ids). */
  removals?: Set<string>;
  /** Who applies, as typed by a resident without a registry link (`unconfirmed` contexts only), with its problems. */
  applicant?: { input: ApplicantInput | null; problems: Problem[] };
}

/** The form's problems; `draftId` names the draft that was saved anyway (with the files that were good). */
export class DraftProblems extends ValidationError {
  constructor(
    problems: Problem[],
    readonly draftId: string | null = null,
  ) {
    super(problems);
  }
}

/** Field name of a requirement's file input and of its library choice. */
export const fileField = (docId: string) => `file-${docId}`;
export const pickField = (docId: string) => `pick-${docId}`;
export const removeField = (docId: string) => `remove-${docId}`;

/** Field names of the n-th requested document's file input and of its choice from «Мої документи». */
export const responseFileField = (i: number) => `file-${i}`;
export const responsePickField = (i: number) => `pick-${i}`;

/** Problems that keep anything from being saved (the others are shown with the draft saved and its files kept). */
export const isBlocking = (p: Problem) => p.field === 'personId' || p.field === 'form';

/**
 * The form's problems: refused files (type by content, size), for review also every required
 * document and the consent; an entirely empty form; a person not the resident's. Only the last two
 * (`isBlocking`) keep the draft from being saved: with the others the draft and its good files are
 * kept and the form is shown again with the problems.
 */
export async function formProblems(
  c: Queryable,
  ctx: ApplyContext,
  input: ApplyInput,
  o: { review: boolean; draftId: string | null },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (ctx.unconfirmed) {
    problems.push(
      ...(input.applicant?.problems ?? [{ field: 'applicantLastName', key: 'cabinet.applicant.v.applicantLastName' }]),
    );
  } else if (input.personId !== null && !ctx.persons.some((p) => p.id === input.personId)) {
    problems.push({ field: 'personId', key: 'cabinet.apply.v.person' });
  }
  const existing = o.draftId ? await attachmentsOf(c, o.draftId) : [];
  let given = existing.length;
  for (const d of ctx.documents) {
    const u = input.uploads.get(fileField(d.id));
    if (u && !u.ok) {
      problems.push({
        field: fileField(d.id),
        key: u.problem === 'type' ? 'cabinet.file.type' : 'cabinet.file.size',
        params: { name: d.name },
      });
      continue;
    }
    const kept = !input.removals?.has(d.id) && existing.some((a) => a.service_document_id === d.id);
    const has = (u && u.ok) || input.picks.has(d.id) || kept;
    if (has) given += 1;
    if (o.review && d.required && !has) {
      problems.push({ field: fileField(d.id), key: 'cabinet.apply.v.missingDocument', params: { name: d.name } });
    }
  }
  if (o.review && !input.consent) problems.push({ field: 'consent', key: 'cabinet.apply.v.consent' });
  if (!o.review && !o.draftId && !ctx.unconfirmed && given === 0 && !input.consent && input.categories.length === 0) {
    // The summary line leads to the first box of the form (the consent).
    problems.push({ field: 'form', key: 'cabinet.apply.v.empty', href: '#consent' });
  }
  return problems;
}
