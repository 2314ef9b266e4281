import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { formErrors, NO_ERRORS, parseBody, parseQuery, type FormErrors } from '../../platform/forms.js';
import { kyivToday } from '../../platform/dates.js';
import { noStore } from '../../platform/http.js';
import { useCaseOf } from '../../platform/use-case.js';
import type { Actor } from '../../platform/policy.js';
import { ageText } from '../catalogue/catalogue.presenter.js';
import { requireResident } from './cabinet.policy.js';
import { MAX_FILE_BYTES } from './cabinet.files.js';
import { taken, uploadsOf } from './cabinet.uploads.js';
import { applyForm, applyQuery } from './cabinet.schema.js';
import { DraftProblems, fileField, pickField, removeField, type ApplyContext, type ApplyInput } from './online-form.js';
import { getApplyContext } from './use-cases/get-apply-context.js';
import { saveDraft } from './use-cases/save-draft.js';
import { getMyApplication } from './use-cases/get-my-application.js';
import { listMyDocuments } from './use-cases/list-my-documents.js';
import { presentDocument } from './cabinet.presenter.js';
import { applicantValues, parseApplicant, type ApplicantValues } from './applicant.js';

interface FormState {
  formKey: string;
  draftId: string | null;
  personId: string | null;
  categories: string[];
  consent: boolean;
  attached: Record<string, string>;
  picks: Record<string, string>;
  applicant?: ApplicantValues;
}

/** Online applying: the form generated from the service card, drafts, review (submit is in applications.routes). */
export function applyRoutes(services: Services) {
  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    ctx: ApplyContext,
    state: FormState,
    errors: FormErrors = NO_ERRORS,
    status = 200,
  ) {
    const library = (await listMyDocuments({ ...useCaseOf(req, services), actor })).map((d) =>
      presentDocument(d, req.t),
    );
    const age = ageText(req.t, ctx.service.min_age, ctx.service.max_age);
    noStore(reply);
    return reply.page(
      'cabinet/views/apply.njk',
      {
        pageTitle: req.t('cabinet.apply.title', { service: ctx.service.name }),
        service: { id: ctx.service.id, name: ctx.service.name },
        categories: ctx.categoryLabels.map((l) => ({
          value: l.code,
          text: req.t('cabinet.apply.iBelong', { category: req.locale === 'en' ? l.name_en : l.name_uk }),
          checked: state.categories.includes(l.code),
        })),
        age: age ? req.t('cabinet.apply.ageNote', { age }) : null,
        persons: ctx.persons.map((p) => ({
          value: p.id,
          text: p.name,
          checked: (state.personId ?? ctx.persons[0].id) === p.id,
        })),
        unconfirmed: ctx.unconfirmed,
        applicant: state.applicant ?? {},
        documents: ctx.documents.map((d) => ({
          id: d.id,
          name: d.name,
          required: d.required,
          field: fileField(d.id),
          pick: pickField(d.id),
          attached: state.attached[d.id] ?? null,
          remove: removeField(d.id),
          options: [
            { value: '', text: req.t('cabinet.apply.noPick') },
            ...library.map((l) => ({
              value: l.id,
              text: `${l.title} (${l.fileName}, ${l.size})`,
              selected: state.picks[d.id] === l.id,
            })),
          ],
        })),
        withOffice: ctx.withOffice,
        hasLibrary: library.length > 0,
        maxMb: MAX_FILE_BYTES / 1024 / 1024,
        state,
        ...errors,
      },
      status,
    );
  }

  return function (app: FastifyInstance) {
    app.get<{ Params: { serviceId: string } }>('/cabinet/apply/:serviceId', async (req, reply) => {
      const actor = requireResident(req.actor);
      const ctx = await getApplyContext({ ...useCaseOf(req, services), actor, serviceId: req.params.serviceId });
      const state: FormState = {
        formKey: crypto.randomUUID(),
        draftId: null,
        personId: null,
        categories: [],
        consent: false,
        attached: {},
        picks: {},
      };
      const q = parseQuery(req, applyQuery);
      const draft = q.ok ? q.data.draft : undefined;
      if (draft) {
        const v = await getMyApplication({ ...useCaseOf(req, services), actor, id: draft });
        if (v.row.status !== 'draft' || v.row.service_id !== ctx.service.id || !v.formKey) {
          return reply.redirect(`/cabinet/applications/${v.row.id}`);
        }
        Object.assign(state, {
          formKey: v.formKey,
          draftId: v.row.id,
          personId: v.row.person_id,
          categories: v.form?.categories ?? [],
          consent: Boolean(v.form?.consent_at),
          applicant: v.applicant ?? undefined,
        });
        for (const a of v.attachments) if (a.service_document_id) state.attached[a.service_document_id] = a.file_name;
      }
      return renderForm(req, reply, actor, ctx, state);
    });

    app.post<{ Params: { serviceId: string } }>('/cabinet/apply/:serviceId', async (req, reply) => {
      const actor = requireResident(req.actor);
      const ctx = await getApplyContext({ ...useCaseOf(req, services), actor, serviceId: req.params.serviceId });
      const form = parseBody(req, applyForm);
      // The key and the draft are the page's own hidden fields: anything else is not a form of this page.
      if (!form.ok) throw new AppError('bad_request');
      const b = form.data;
      const applicant = ctx.unconfirmed ? applicantValues(b) : undefined;
      const { formKey } = b;
      const draftId = b.draftId ?? null;
      const review = b.action === 'review';
      const picks = new Map<string, string>();
      const removals = new Set<string>();
      for (const d of ctx.documents) {
        const pick = b[pickField(d.id)] ?? '';
        if (pick) picks.set(d.id, pick);
        if (b[removeField(d.id)] === 'yes') removals.add(d.id);
      }
      const known = new Set(ctx.service.eligible_categories);
      const input: ApplyInput = {
        formKey,
        personId: b.personId ?? null,
        categories: b.categories.filter((c) => known.has(c)),
        consent: b.consent,
        picks,
        uploads: uploadsOf(req),
        removals,
        applicant: applicant && parseApplicant(applicant, kyivToday()),
      };
      let r: { id: string; status: string };
      try {
        r = await saveDraft({
          ...useCaseOf(req, services),
          actor,
          ctx,
          input,
          draftId,
          review,
          taken: (f) => {
            taken(req, f);
          },
        });
      } catch (e) {
        if (!(e instanceof DraftProblems)) throw e;
        // The draft saved with this post (or before it) keeps the files that were good: they are shown as already attached.
        const savedId = e.draftId ?? draftId;
        const state: FormState = {
          formKey,
          draftId: savedId,
          personId: input.personId,
          categories: input.categories,
          consent: input.consent,
          attached: {},
          picks: e.draftId ? {} : Object.fromEntries(picks),
          applicant,
        };
        if (savedId) {
          const v = await getMyApplication({ ...useCaseOf(req, services), actor, id: savedId });
          for (const a of v.attachments) if (a.service_document_id) state.attached[a.service_document_id] = a.file_name;
        }
        return await renderForm(req, reply, actor, ctx, state, formErrors(req.t, e.problems), 400);
      }
      if (r.status !== 'draft') return reply.redirect(`/cabinet/applications/${r.id}`, 303);
      return reply.redirect(
        review ? `/cabinet/applications/${r.id}/review` : `/cabinet/applications/${r.id}?saved=1`,
        303,
      );
    });
    return Promise.resolve();
  };
}
