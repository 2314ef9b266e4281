import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { displayDate } from '../../platform/dates.js';
import {
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
import { authorize, can } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import {
  ABSENCE_FIELDS,
  absenceForm,
  doneQuery,
  hoursForm,
  interpretersForm,
  OFFICE_FIELDS,
  officeForm,
  officeAbsenceParams,
  officeItemParams,
  officeParams,
  officeServiceForm,
  SERVICE_FIELDS,
  staffForm,
  WEEKDAYS,
} from './appointments.schema.js';
import { OFFICE_KINDS, type OfficeRow } from './appointments.queries.js';
import { officeScope } from './appointments.policy.js';
import { listOffices } from './use-cases/list-offices.js';
import { getOffice } from './use-cases/get-office.js';
import { getOfficeForm } from './use-cases/get-office-form.js';
import { saveOffice } from './use-cases/save-office.js';
import { changeOfficeSetup, type OfficeChange } from './use-cases/change-office-setup.js';
import { setSignInterpreters } from './use-cases/set-sign-interpreters.js';
import { AppError } from '../../platform/errors.js';

/** Offices and their schedules: the list, a new office, and an office's page with its week, services and staff. */
export function officeRoutes(services: Services) {
  const officeItems = (req: FastifyRequest, values: FormValues, districts: { id: number; name: string }[]) => ({
    kindItems: OFFICE_KINDS.map((k) => ({
      value: k,
      text: req.t(`appointments.kind.${k}`),
      checked: values.kind === k,
    })),
    districtItems: [
      { value: '', text: req.t('appointments.noDistrict') },
      ...districts.map((d) => ({ value: String(d.id), text: d.name, selected: values.districtId === String(d.id) })),
    ],
  });

  const officeValues = (o: OfficeRow): FormValues => ({
    name: o.name,
    kind: o.kind,
    districtId: o.district_id ? String(o.district_id) : '',
    address: o.address ?? '',
    windows: String(o.windows),
    videoUrl: o.video_url ?? '',
    active: o.active ? 'yes' : '',
  });

  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FormErrors) {
    const v = await getOfficeForm(useCaseOf(req, services));
    noStore(reply);
    return reply.page(
      'appointments/views/office-new.njk',
      {
        pageTitle: req.t('appointments.offices.newTitle'),
        values,
        ...officeItems(req, values, v.districts),
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** The office's page; `form` names the form the errors and posted values belong to. */
  async function renderOffice(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: string | null,
    posted: FormValues,
    errors: FormErrors,
  ) {
    const v = await getOffice({ ...useCaseOf(req, services), id });
    const q = parseQuery(req, doneQuery);
    const values = form === 'office' ? posted : officeValues(v.office);
    const hours = new Map(v.hours.map((h) => [h.weekday, h]));
    const hoursValues: FormValues =
      form === 'hours'
        ? posted
        : Object.fromEntries(
            WEEKDAYS.flatMap((d) => {
              const h = hours.get(d);
              return [
                [`opens-${d}`, h?.opens ?? ''],
                [`closes-${d}`, h?.closes ?? ''],
                [`breakStarts-${d}`, h?.breakStarts ?? ''],
                [`breakEnds-${d}`, h?.breakEnds ?? ''],
              ];
            }),
          );
    const pick = (f: string) => (form === f ? posted : {});
    noStore(reply);
    return reply.page(
      'appointments/views/office.njk',
      {
        pageTitle: v.office.name,
        office: v.office,
        kindText: req.t(`appointments.kind.${v.office.kind}`),
        canManage: can(req.actor, 'offices.manage'),
        // Only to those who reach this office's visits: not administrators (they keep offices without seeing who
        // comes), nor a starosta at an office outside their district.
        canReadVisits: can(req.actor, 'appointments.read', officeScope(req.actor?.hromadaId ?? 0, v.office)),
        canBook: can(req.actor, 'appointments.book', officeScope(req.actor?.hromadaId ?? 0, v.office)),
        values,
        ...officeItems(req, values, v.districts),
        days: WEEKDAYS.map((d) => ({
          d,
          name: req.t(`appointments.weekday.${d}`),
          opens: hoursValues[`opens-${d}`] ?? '',
          closes: hoursValues[`closes-${d}`] ?? '',
          breakStarts: hoursValues[`breakStarts-${d}`] ?? '',
          breakEnds: hoursValues[`breakEnds-${d}`] ?? '',
          error: errors.errors[`opens-${d}`] ?? errors.errors[`breakStarts-${d}`],
        })),
        services: v.services,
        serviceValues: pick('service'),
        catalogueItems: [
          { value: '', text: req.t('appointments.chooseService') },
          ...v.catalogue.map((s) => ({ value: s.id, text: s.name, selected: pick('service').serviceId === s.id })),
        ],
        staff: v.staff,
        candidateItems: [
          { value: '', text: req.t('appointments.chooseStaff') },
          ...v.candidates
            .filter((c) => !v.staff.some((s) => s.user_id === c.user_id))
            .map((c) => ({ value: c.user_id, text: c.display_name })),
        ],
        absenceStaffItems: [
          { value: '', text: req.t('appointments.chooseStaff') },
          ...v.staff.map((s) => ({
            value: s.user_id,
            text: s.display_name,
            selected: pick('absence').absenceUserId === s.user_id,
          })),
        ],
        absenceValues: pick('absence'),
        absences: v.absences.map((a) => ({
          ...a,
          from: displayDate(a.starts_on),
          to: displayDate(a.ends_on),
        })),
        done: q.ok ? q.data.done : undefined,
        form,
        errors: errors.errors,
        errorSummary: errors.errorSummary,
      },
      errors.errorSummary.length ? 400 : 200,
    );
  }

  /** Posts one change of the office's setup: parse → change → back to the page, or the page with the errors. */
  async function change(
    req: FastifyRequest,
    reply: FastifyReply,
    form: string,
    parse: () => { ok: true; change: OfficeChange } | { ok: false; errors: FormErrors },
    done: string,
  ) {
    authorize(req.actor, 'offices.manage');
    const { id } = parseParams(req, officeParams);
    const values = formValues(req.body);
    const show = (errors: FormErrors) => renderOffice(req, reply, id, form, values, errors);
    const parsed = parse();
    if (!parsed.ok) return show(parsed.errors);
    const r = await orRerender(
      req,
      () => changeOfficeSetup({ ...useCaseOf(req, services), officeId: id, change: parsed.change }),
      show,
    );
    if (!r.done) return r.reply;
    return reply.redirect(`/offices/${id}?done=${done}#${form}`, 303);
  }

  return function (app: FastifyInstance) {
    app.get('/offices', async (req, reply) => {
      authorize(req.actor, 'offices.read');
      const { offices, interpreters } = await listOffices({ ...useCaseOf(req, services), activeOnly: false });
      const q = parseQuery(req, doneQuery);
      noStore(reply);
      return reply.page('appointments/views/offices.njk', {
        pageTitle: req.t('appointments.offices.title'),
        interpreters,
        done: q.ok ? q.data.done : undefined,
        offices: offices.map((o) => ({
          ...o,
          href: `/offices/${o.id}`,
          kindText: req.t(`appointments.kind.${o.kind}`),
          serviceNames: o.services.map((s) => s.name).join('; '),
        })),
        canManage: can(req.actor, 'offices.manage'),
        canReadVisits: can(req.actor, 'appointments.read'),
      });
    });

    app.post('/offices/interpreters', async (req, reply) => {
      authorize(req.actor, 'offices.manage');
      const parsed = parseWith(interpretersForm, req.body);
      if (!parsed.ok) throw new AppError('bad_request');
      await setSignInterpreters({ ...useCaseOf(req, services), interpreters: parsed.data.interpreters });
      return reply.redirect('/offices?done=interpreters', 303);
    });

    app.get('/offices/new', async (req, reply) => {
      authorize(req.actor, 'offices.manage');
      return renderNew(req, reply, { kind: 'front_office', active: 'yes', windows: '1' }, NO_ERRORS);
    });

    app.post('/offices', async (req, reply) => {
      authorize(req.actor, 'offices.manage');
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderNew(req, reply, values, errors);
      const parsed = parseWith(officeForm, { ...values, active: 'yes' });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: OFFICE_FIELDS }));
      const r = await orRerender(
        req,
        () => saveOffice({ ...useCaseOf(req, services), id: null, input: parsed.data }),
        show,
      );
      if (!r.done) return r.reply;
      return reply.redirect(`/offices/${r.value}?done=created`, 303);
    });

    app.get('/offices/:id', async (req, reply) => {
      authorize(req.actor, 'offices.read');
      const { id } = parseParams(req, officeParams);
      return renderOffice(req, reply, id, null, {}, NO_ERRORS);
    });

    app.post('/offices/:id', async (req, reply) => {
      authorize(req.actor, 'offices.manage');
      const { id } = parseParams(req, officeParams);
      const values = formValues(req.body);
      const show = (errors: FormErrors) => renderOffice(req, reply, id, 'office', values, errors);
      const parsed = parseWith(officeForm, { ...values, active: values.active ?? '' });
      if (!parsed.ok) return show(formErrors(req.t, parsed.problems, { order: OFFICE_FIELDS }));
      const r = await orRerender(req, () => saveOffice({ ...useCaseOf(req, services), id, input: parsed.data }), show);
      if (!r.done) return r.reply;
      return reply.redirect(`/offices/${id}?done=saved`, 303);
    });

    app.post('/offices/:id/hours', async (req, reply) =>
      change(
        req,
        reply,
        'hours',
        () => {
          const p = parseWith(hoursForm, req.body);
          return p.ok
            ? { ok: true, change: { kind: 'hours', hours: p.data } }
            : { ok: false, errors: formErrors(req.t, p.problems) };
        },
        'hours',
      ),
    );

    app.post('/offices/:id/services', async (req, reply) =>
      change(
        req,
        reply,
        'service',
        () => {
          const p = parseWith(officeServiceForm, req.body);
          return p.ok
            ? { ok: true, change: { kind: 'service', ...p.data } }
            : { ok: false, errors: formErrors(req.t, p.problems, { order: SERVICE_FIELDS }) };
        },
        'service',
      ),
    );

    app.post('/offices/:id/services/:item/remove', async (req, reply) => {
      const { item } = parseParams(req, officeItemParams);
      return change(
        req,
        reply,
        'services',
        () => ({ ok: true, change: { kind: 'removeService', serviceId: item } }),
        'serviceRemoved',
      );
    });

    app.post('/offices/:id/staff', async (req, reply) =>
      change(
        req,
        reply,
        'staff',
        () => {
          const p = parseWith(staffForm, req.body);
          return p.ok
            ? { ok: true, change: { kind: 'staff', userId: p.data.userId } }
            : { ok: false, errors: formErrors(req.t, p.problems) };
        },
        'staff',
      ),
    );

    app.post('/offices/:id/staff/:item/remove', async (req, reply) => {
      const { item } = parseParams(req, officeItemParams);
      return change(
        req,
        reply,
        'staff',
        () => ({ ok: true, change: { kind: 'removeStaff', userId: item } }),
        'staffRemoved',
      );
    });

    app.post('/offices/:id/absences', async (req, reply) =>
      change(
        req,
        reply,
        'absence',
        () => {
          const p = parseWith(absenceForm, req.body);
          return p.ok
            ? { ok: true, change: { kind: 'absence', ...p.data } }
            : { ok: false, errors: formErrors(req.t, p.problems, { order: ABSENCE_FIELDS }) };
        },
        'absence',
      ),
    );

    app.post('/offices/:id/absences/:item/remove', async (req, reply) => {
      const { item } = parseParams(req, officeAbsenceParams);
      return change(
        req,
        reply,
        'absences',
        () => ({ ok: true, change: { kind: 'removeAbsence', id: item } }),
        'absenceRemoved',
      );
    });
  };
}
