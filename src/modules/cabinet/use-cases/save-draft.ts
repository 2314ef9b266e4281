import type { PoolClient } from 'pg';
import { AppError } from '../../../platform/errors.js';
import { auditWriter } from '../../../platform/audit.js';
import { linksOf, type ResidentCase } from '../cabinet.policy.js';
import { removeStored, store, storedPath } from '../cabinet.files.js';
import {
  attachmentsOf,
  deleteAttachment,
  findDraftRow,
  insertAttachment,
  insertDraft,
  livePersonIds,
  lockOnlineForm,
  residentDocument,
  touchDraft,
  upsertOnlineForm,
  type DraftRow,
} from '../cabinet.queries.js';
import {
  DraftProblems,
  fileField,
  formProblems,
  isBlocking,
  type ApplyContext,
  type ApplyInput,
  type Problem,
} from '../online-form.js';
import { saveApplicant } from '../applicant.js';

export type SaveDraftOptions = ResidentCase<{
  ctx: ApplyContext;
  input: ApplyInput;
  draftId: string | null;
  review: boolean;
  taken: (field: string) => void;
}>;

/**
 * Saves the online form as a draft application (status `draft`, channel `online`): the chosen
 * person, the categories, the consent, and each requirement's file (a new upload, stored under
 * DATA_DIR/uploads/applications with its sha256, or a copy of a library document). The form's
 * hidden key makes a repeated post update the same draft. Blocking problems (no file, answer or
 * consent at all; a person not the resident's) → nothing is written. Other problems (a refused
 * file, a missing required document or consent on review) → the draft is saved with the files that
 * were good, so they stay attached, and DraftProblems names it.
 */
export async function saveDraft(o: SaveDraftOptions): Promise<{ id: string; status: string }> {
  const { services, actor, ctx, input } = o;
  const hromadaId = ctx.hromadaId;
  const storedKeys: string[] = [];
  const replaced: string[] = [];
  let saved: { id: string; status: string; problems?: Problem[] };
  try {
    const result = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const draft = await findDraft(c, o, hromadaId);
      if (draft && draft.status !== 'draft') return draft;
      const problems = await formProblems(c, ctx, input, { review: o.review, draftId: draft?.id ?? null });
      const somethingToKeep = ctx.documents.some(
        (d) => input.picks.has(d.id) || input.uploads.get(fileField(d.id))?.ok,
      );
      if (problems.some(isBlocking) || (problems.length && !draft && !somethingToKeep))
        throw new DraftProblems(problems);
      // Without a registry link the application has no person yet (the office confirms who applies); the account files it.
      const person = ctx.unconfirmed
        ? null
        : (ctx.persons.find((p) => p.id === (input.personId ?? draft?.person_id ?? ctx.persons[0].id)) ??
          ctx.persons[0]);
      let id = draft?.id;
      if (!id) {
        id = await insertDraft(c, {
          hromadaId,
          personId: person?.id ?? null,
          serviceId: ctx.service.id,
          districtId: person?.district_id ?? null,
          formKey: input.formKey,
          userId: actor.userId,
        });
      } else {
        await touchDraft(c, id, person ?? undefined);
      }
      if (!person && input.applicant?.input) await saveApplicant(c, services, hromadaId, id, input.applicant.input);
      await upsertOnlineForm(c, {
        applicationId: id,
        hromadaId,
        categories: input.categories,
        consentAt: input.consent ? new Date() : null,
      });
      const current = await attachmentsOf(c, id);
      const files: string[] = [];
      for (const d of ctx.documents) {
        const field = fileField(d.id);
        const u = input.uploads.get(field);
        const pickId = input.picks.get(d.id);
        let file: { name: string; type: string; size: number; sha256: string; key: string } | null = null;
        if (u && u.ok) {
          const key = await store(services, 'applications', u.tmpPath);
          o.taken(field);
          storedKeys.push(key);
          file = { name: u.fileName, type: u.contentType, size: u.size, sha256: u.sha256, key };
        } else if (pickId) {
          const doc = await residentDocument(c, actor.userId, pickId);
          if (!doc) {
            problems.push({ field, key: 'cabinet.apply.v.pick', params: { name: d.name } });
            continue;
          }
          const key = await store(services, 'applications', storedPath(services, 'residents', doc.storage_key), {
            copy: true,
          });
          storedKeys.push(key);
          file = { name: doc.file_name, type: doc.content_type, size: doc.size, sha256: doc.sha256, key };
        }
        if (!file && !input.removals?.has(d.id)) continue;
        for (const old of current.filter((a) => a.service_document_id === d.id)) {
          await deleteAttachment(c, old.id);
          replaced.push(old.storage_key);
        }
        if (!file) {
          files.push(d.name);
          continue;
        }
        await insertAttachment(c, {
          hromadaId,
          applicationId: id,
          serviceDocumentId: d.id,
          requirement: d.name,
          file,
          uploadedBy: actor.userId,
        });
        files.push(d.name);
      }
      await auditWriter(c, actor, o.meta, { hromadaId })({
        action: draft ? 'application.draft.update' : 'application.draft.create',
        operation: 'write',
        entityType: 'application',
        entityId: id,
        fields: [person ? 'person' : 'applicant', 'categories', 'consent', ...files.map(() => 'document')],
      });
      return { id, status: 'draft', problems };
    });
    for (const key of replaced) removeStored(services, 'applications', key);
    saved = result;
  } catch (e) {
    for (const key of storedKeys) removeStored(services, 'applications', key);
    throw e;
  }
  if (saved.problems?.length) throw new DraftProblems(saved.problems, saved.id);
  return { id: saved.id, status: saved.status };
}

/** The draft this post continues: by its id (own only) or by the form's key. */
async function findDraft(c: PoolClient, o: SaveDraftOptions, hromadaId: number): Promise<DraftRow | null> {
  // Two posts of the same form wait for each other here, so the second finds the first one's draft.
  await lockOnlineForm(c, o.draftId ?? o.input.formKey);
  const mine = await livePersonIds(
    c,
    (await linksOf(o.services, o.actor.userId)).filter((l) => l.hromadaId === hromadaId).map((l) => l.personId),
  );
  const row = await findDraftRow(c, hromadaId, o.draftId ? { id: o.draftId } : { formKey: o.input.formKey });
  if (!row) {
    if (o.draftId) throw new AppError('not_found');
    return null;
  }
  const own = row.person_id === null ? row.applicant_user_id === o.actor.userId : mine.includes(row.person_id);
  if (!own || row.service_id !== o.ctx.service.id || row.channel !== 'online') {
    throw new AppError(o.draftId ? 'not_found' : 'conflict', {
      messageKey: o.draftId ? undefined : 'cabinet.apply.v.keyUsed',
    });
  }
  return row;
}
