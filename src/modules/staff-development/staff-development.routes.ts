import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { z } from 'zod';
import { authorize } from '../../platform/policy.js';
import { kyivToday } from '../../platform/dates.js';
import {
  dateFromParts,
  dateHref,
  formErrors,
  formValues,
  NO_ERRORS,
  orRerender,
  parseParams,
  parseQuery,
  parseWith,
  type FormErrors,
  type FormValues,
} from '../../platform/forms.js';
import { noStore } from '../../platform/http.js';
import { paginate, pageHref } from '../../platform/pagination.js';
import { useCaseOf } from '../../platform/use-case.js';
import { contentDisposition, MAX_FILE_BYTES } from '../cabinet/cabinet.files.js';
import { setUpCabinetUploads, taken, uploadsOf } from '../cabinet/cabinet.uploads.js';
import {
  memberParams,
  participantsForm,
  QUALIFICATION_FIELDS,
  qualificationForm,
  recordParams,
  SUPERVISION_FIELDS,
  supervisionForm,
  TRAINING_FIELDS,
  trainingForm,
  trainingParams,
  yearQuery,
} from './staff-development.schema.js';
import { presentFigure, presentListRow, presentMember, recordSummary } from './staff-development.presenter.js';
import type { RecordKind } from './staff-development.queries.js';
import { SUPERVISION_KINDS } from './staffdev-rules.js';
import { listStaffMembers, STAFF_PAGE_SIZE } from './use-cases/list-staff-members.js';
import { viewStaffMember } from './use-cases/view-staff-member.js';
import { getStaffForm } from './use-cases/get-staff-form.js';
import { addQualification } from './use-cases/add-qualification.js';
import { addTraining } from './use-cases/add-training.js';
import { addSupervision } from './use-cases/add-supervision.js';
import { getStaffRecord } from './use-cases/get-staff-record.js';
import { deleteStaffRecord } from './use-cases/delete-staff-record.js';
import { openTrainingCertificate } from './use-cases/open-training-certificate.js';
import { getStaffFigures } from './use-cases/get-staff-figures.js';

const DONE = ['qualification', 'training', 'supervision', 'deleted'] as const;
type FormKind = 'qualifications' | 'trainings' | 'supervisions';
const KIND_OF: Record<FormKind, RecordKind> = {
  qualifications: 'qualification',
  trainings: 'training',
  supervisions: 'supervision',
};

/** The colleagues ticked on a posted supervision form (none on other forms). */
const participantsOf = (req: FastifyRequest): string[] => {
  const r = parseWith(participantsForm, req.body);
  return r.ok ? r.data.participants : [];
};

const currentYear = () => Number(kyivToday().slice(0, 4));
/** The years to choose from: this one and the five before it. */
const yearItems = (chosen: number) =>
  Array.from({ length: 6 }, (_, i) => currentYear() - i).map((y) => ({
    value: String(y),
    text: String(y),
    selected: y === chosen,
  }));

/** Staff development: the staff list, a member's page and its forms, deletion with confirmation, the plans' figures. */
export function staffDevelopmentRoutes(services: Services) {
  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    kind: FormKind,
    id: string,
    values: FormValues,
    errors: FormErrors = NO_ERRORS,
  ) {
    const f = await getStaffForm({ ...useCaseOf(req, services), id });
    const chosen = new Set(participantsOf(req));
    noStore(reply);
    return reply.page(
      `staff-development/views/${kind}-form.njk`,
      {
        pageTitle: req.t(`staffdev.new.${kind}`),
        member: { id: f.member.id, name: f.member.display_name },
        action: `/staff-development/${id}/${kind}`,
        kinds: SUPERVISION_KINDS.map((k) => ({ value: k, text: req.t(`staffdev.kind.${k}`) })),
        colleagues: f.colleagues.map((s) => ({ value: s.id, text: s.display_name, checked: chosen.has(s.id) })),
        maxMb: MAX_FILE_BYTES / 1024 / 1024,
        values,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** Parses a posted record form (with its date inputs) and runs the use-case; the form again on any problem. */
  async function post(
    req: FastifyRequest,
    reply: FastifyReply,
    kind: FormKind,
    run: (id: string, data: never) => Promise<unknown>,
  ) {
    const { id } = parseParams(req, memberParams);
    const values = formValues(req.body);
    const schema = { qualifications: qualificationForm, trainings: trainingForm, supervisions: supervisionForm }[kind];
    const order = {
      qualifications: QUALIFICATION_FIELDS,
      trainings: TRAINING_FIELDS,
      supervisions: SUPERVISION_FIELDS,
    }[kind];
    const dates = {
      qualifications: ['positionSince', 'categoryOn'],
      trainings: ['trainedOn'],
      supervisions: ['heldOn'],
    }[kind];
    const body: Record<string, unknown> = { ...values, participants: participantsOf(req) };
    for (const d of dates) body[d] = dateFromParts(body, d);
    const parsed = parseWith(schema, body, dateHref(dates));
    const show = (errors: FormErrors) => renderForm(req, reply, kind, id, values, errors);
    if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order }));
    const done = await orRerender(
      req,
      () => run(id, parsed.data as never),
      (errors) => show(errors),
    );
    if (!done.done) return done.reply;
    return reply.redirect(`/staff-development/${id}?done=${KIND_OF[kind]}#${kind}`, 303);
  }

  return async function (app: FastifyInstance) {
    app.get('/staff-development', async (req, reply) => {
      authorize(req.actor, 'staffdev.read');
      const q = parseQuery(req, yearQuery);
      const year = (q.ok ? q.data.year : undefined) ?? currentYear();
      const page = (q.ok ? q.data.page : undefined) ?? 1;
      const r = await listStaffMembers({ ...useCaseOf(req, services), year, page });
      noStore(reply);
      return reply.page('staff-development/views/list.njk', {
        pageTitle: req.t('staffdev.listTitle'),
        staff: r.rows.map((s) => presentListRow(s, req.t)),
        total: r.total,
        year,
        years: yearItems(year),
        pagination: paginate({
          page,
          pageSize: STAFF_PAGE_SIZE,
          total: r.total,
          href: (n) => pageHref('/staff-development', { year: String(year) }, n),
        }),
      });
    });

    app.get('/staff-development/figures', async (req, reply) => {
      authorize(req.actor, 'staffdev.read');
      const q = parseQuery(req, yearQuery);
      const year = (q.ok ? q.data.year : undefined) ?? currentYear();
      const f = await getStaffFigures({ ...useCaseOf(req, services), year });
      noStore(reply);
      return reply.page('staff-development/views/figures.njk', {
        pageTitle: req.t('staffdev.figuresTitle', { year }),
        year,
        years: yearItems(year),
        rows: f.rows.map((r) => presentFigure(r, r.agency ?? req.t('staffdev.hromadaStaff'))),
        total: presentFigure(f.total, req.t('staffdev.figures.total')),
      });
    });

    app.get('/staff-development/:id', async (req, reply) => {
      authorize(req.actor, 'staffdev.read');
      const { id } = parseParams(req, memberParams);
      const q = parseQuery(req, yearQuery);
      const year = (q.ok ? q.data.year : undefined) ?? currentYear();
      const done = q.ok ? q.data.done : undefined;
      const v = await viewStaffMember({ ...useCaseOf(req, services), id });
      noStore(reply);
      return reply.page('staff-development/views/member.njk', {
        pageTitle: v.member.display_name,
        m: presentMember(v, year, req.t),
        year,
        years: yearItems(year),
        canManage: v.canManage,
        flash: DONE.find((d) => d === done) ? req.t(`staffdev.done.${done ?? ''}`) : null,
      });
    });

    for (const kind of ['qualifications', 'trainings', 'supervisions'] as const) {
      app.get(`/staff-development/:id/${kind}/new`, async (req, reply) => {
        authorize(req.actor, 'staffdev.manage');
        const { id } = parseParams(req, memberParams);
        return renderForm(req, reply, kind, id, kind === 'supervisions' ? { kind: 'individual' } : {});
      });
    }

    app.post('/staff-development/:id/qualifications', async (req, reply) => {
      authorize(req.actor, 'staffdev.manage');
      return post(req, reply, 'qualifications', (id, data: z.infer<typeof qualificationForm>) =>
        addQualification({
          ...useCaseOf(req, services),
          id,
          input: {
            position: data.position,
            education: data.education,
            specialty: data.specialty,
            category: data.category ?? null,
            positionSince: data.positionSince ?? null,
            categoryOn: data.categoryOn ?? null,
          },
        }),
      );
    });

    app.post('/staff-development/:id/supervisions', async (req, reply) => {
      authorize(req.actor, 'staffdev.manage');
      return post(req, reply, 'supervisions', (id, data: z.infer<typeof supervisionForm>) =>
        addSupervision({
          ...useCaseOf(req, services),
          id,
          input: {
            kind: data.kind,
            supervisor: data.supervisor,
            heldOn: data.heldOn,
            hours: data.hours,
            topics: data.topics,
          },
          participants: data.participants,
        }),
      );
    });

    app.get('/staff-development/:id/trainings/:recordId/certificate', async (req, reply) => {
      authorize(req.actor, 'staffdev.read');
      const { id, recordId } = parseParams(req, trainingParams);
      const { training, stream } = await openTrainingCertificate({ ...useCaseOf(req, services), id, recordId });
      noStore(reply);
      const type = training.content_type ?? 'application/pdf';
      return reply
        .header('content-type', type)
        .header('content-disposition', contentDisposition(training.file_name, type))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    });

    app.get('/staff-development/:id/:kind/:recordId/delete', async (req, reply) => {
      authorize(req.actor, 'staffdev.manage');
      const p = parseParams(req, recordParams);
      const r = await getStaffRecord({
        ...useCaseOf(req, services),
        id: p.id,
        kind: KIND_OF[p.kind],
        recordId: p.recordId,
      });
      noStore(reply);
      return reply.page('staff-development/views/delete.njk', {
        pageTitle: req.t(`staffdev.delete.${r.record.kind}`),
        member: { id: r.member.id, name: r.member.display_name },
        heading: req.t(`staffdev.delete.${r.record.kind}`),
        rows: recordSummary(r.record, req.t).map((x) => ({ key: { text: x.key }, value: { text: x.value } })),
        shared: r.record.kind === 'supervision' && r.record.row.participant_ids.length > 1,
        action: `/staff-development/${p.id}/${p.kind}/${p.recordId}/delete`,
        back: `/staff-development/${p.id}#${p.kind}`,
      });
    });

    app.post('/staff-development/:id/:kind/:recordId/delete', async (req, reply) => {
      authorize(req.actor, 'staffdev.manage');
      const p = parseParams(req, recordParams);
      await deleteStaffRecord({ ...useCaseOf(req, services), id: p.id, kind: KIND_OF[p.kind], recordId: p.recordId });
      return reply.redirect(`/staff-development/${p.id}?done=deleted#${p.kind}`, 303);
    });

    // A training with its certificate's scan (multipart, parsed in this scope only; the type is checked by content).
    await app.register(async (withFiles) => {
      await setUpCabinetUploads(withFiles, services, { accept: (req) => req.actor?.kind === 'staff' });
      withFiles.post('/staff-development/:id/trainings', async (req, reply) => {
        authorize(req.actor, 'staffdev.manage');
        return post(req, reply, 'trainings', (id, data: z.infer<typeof trainingForm>) =>
          addTraining({
            ...useCaseOf(req, services),
            id,
            input: {
              course: data.course,
              organiser: data.organiser,
              hours: data.hours,
              trainedOn: data.trainedOn,
              certificateNumber: data.certificateNumber ?? null,
            },
            upload: uploadsOf(req).get('file'),
            taken: () => {
              taken(req, 'file');
            },
          }),
        );
      });
    });
  };
}
