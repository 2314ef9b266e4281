import type { Services } from '../../src/services.js';
import type { Actor } from '../../src/platform/policy.js';
import { actorForUser, loadUserRow } from '../../src/platform/actor.js';
import { registerPerson } from '../../src/modules/persons/use-cases/register-person.js';
import { linkResident } from '../../src/modules/cabinet/use-cases/link-resident.js';
import { createApplication } from '../../src/modules/applications/use-cases/create-application.js';
import { changeStatus } from '../../src/modules/applications/use-cases/change-status.js';
import type { Command } from '../../src/modules/applications/status-machine.js';
import { commandFollowers } from '../../src/modules/applications/applications.hooks.js';
import { collectHooks } from '../../src/platform/modules.js';
import { MODULES } from '../../src/modules/index.js';
import { createHousehold } from '../../src/modules/households/use-cases/create-household.js';
import { addCategory } from '../../src/modules/persons-web/use-cases/add-category.js';
import { openCase } from '../../src/modules/cases/use-cases/open-case.js';
import { registerCareFamily } from '../../src/modules/family-care/use-cases/register-care-family.js';
import { recordCandidateStep } from '../../src/modules/family-care/use-cases/record-candidate-step.js';
import { placeChild } from '../../src/modules/family-care/use-cases/place-child.js';
import { addDays, kyivToday } from '../../src/platform/dates.js';
import { providerAction } from '../../src/modules/assignments/use-cases/provider-action.js';
import { saveVisitSchedule } from '../../src/modules/service-acts/use-cases/save-visit-schedule.js';
import { recordServiceAct } from '../../src/modules/service-acts/use-cases/record-service-act.js';
import { createTariff } from '../../src/modules/paid-services/use-cases/create-tariff.js';
import { recordIncome } from '../../src/modules/paid-services/use-cases/record-income.js';
import { setPaymentCategory } from '../../src/modules/paid-services/use-cases/set-payment-category.js';
import { runInvoices } from '../../src/modules/paid-services/use-cases/run-invoices.js';
import { incomeQuarterFor } from '../../src/modules/paid-services/paid-rules.js';
import { DEMO_HROMADA_CODE, DEMO_RESIDENT_EMAIL } from './demo.js';
import { seedDemoOffices } from './demo-offices.js';

/** Demo persons: last, first, patronymic, birth date, sex; the first is the demo resident. */
const PERSONS: [string, string, string, string, 'male' | 'female'][] = [
  ['Мешканець', 'Тарас', 'Іванович', '1948-03-09', 'male'],
  ['Шевченко', 'Олена', 'Петрівна', '1952-11-21', 'female'],
  ['Коваленко', 'Микола', 'Степанович', '1939-06-02', 'male'],
  ['Бондаренко', 'Галина', 'Олексіївна', '1961-01-17', 'female'],
  ['Ткаченко', 'Андрій', 'Васильович', '1987-08-30', 'male'],
  ['Кравченко', 'Ірина', 'Миколаївна', '1990-04-12', 'female'],
  ['Олійник', 'Софія', 'Андріївна', '2015-09-05', 'female'],
  ['Мельник', 'Василь', 'Григорович', '1944-12-25', 'male'],
];

/** The starosta's own: persons of its district, registered by the starosta at a visit. */
const STAROSTA_PERSONS: [string, string, string, string, 'male' | 'female'][] = [
  ['Гончаренко', 'Марія', 'Іванівна', '1946-02-14', 'female'],
  ['Гончаренко', 'Іван', 'Петрович', '1943-10-03', 'male'],
];

const META = { ip: '127.0.0.1', requestId: 'demo-seed' };

async function staffActor(services: Services, username: string, hromadaId: number): Promise<Actor> {
  const id = (await services.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]
    .id;
  const user = await loadUserRow(services.db, id);
  if (!user) throw new Error(`no user ${username}`);
  return actorForUser(services.db, user, hromadaId, 'session');
}

/**
 * A few persons and applications for trying the journeys by hand (`npm start` on a fresh
 * database only; tests and benchmarks seed their own data): the demo resident's account is
 * linked to «Мешканець Тарас» with one registered application (to write to the office), and
 * there is an application in review and a granted one handed to the territorial centre (for
 * the provider). The starosta finds two persons of its district and an application it registered there;
 * the children's service (which reads the registry, not applications) finds a family with children in
 * difficult life circumstances (with the case it follows the family in), a child with a disability and a foster family with a
 * placed child. All through the same use-cases as the
 * pages, so everything is audited.
 */
export async function seedDemoRegistry(services: Services): Promise<void> {
  const hromadaId = (
    await services.db.query<{ id: number }>('SELECT id FROM hromadas WHERE code = $1', [DEMO_HROMADA_CODE])
  ).rows[0].id;
  const [frontdesk, worker, manager, children] = await Promise.all(
    ['frontdesk', 'worker', 'manager', 'children'].map((u) => staffActor(services, u, hromadaId)),
  );
  const settlements = (
    await services.db.tx({ hromadaId }, (c) =>
      c.query<{ code: string }>(
        'SELECT settlement_code AS code FROM district_settlements ORDER BY district_id, settlement_code',
      ),
    )
  ).rows.map((r) => r.code);
  /** A demo person registered by `actor` (a worker, or the children's service for its own families). */
  const register = async (
    actor: Actor,
    [lastName, firstName, patronymic, birthDate, sex]: (typeof PERSONS)[number],
    settlementCode: string | undefined,
  ) => {
    const r = await registerPerson({
      services,
      actor,
      confirm: true,
      meta: META,
      input: { lastName, firstName, patronymic, birthDate, sex, rnokppAbsence: 'none', settlementCode },
    });
    if (r.kind !== 'created') throw new Error('demo person not created');
    return r.id;
  };
  const ids: string[] = [];
  for (const [i, p] of PERSONS.entries())
    ids.push(await register(worker, p, settlements[(i * 7) % settlements.length]));
  await linkResident({ services, actor: frontdesk, personId: ids[0], email: DEMO_RESIDENT_EMAIL, meta: META });

  // Home care: the territorial centre is its only provider, so a granted application goes to it.
  const serviceId = (
    await services.db.tx({ hromadaId }, (c) =>
      c.query<{ id: string }>(
        `SELECT s.id FROM services s WHERE s.active AND 'front_office' = ANY(s.channels)
       AND (SELECT count(*) FROM service_providers p WHERE p.service_id = s.id) = 1
     ORDER BY s.name LIMIT 1`,
      ),
    )
  ).rows[0].id;
  const apply = (personId: string) =>
    createApplication({
      services,
      actor: frontdesk,
      meta: META,
      input: { personId, serviceId, channel: 'front_office' },
    });
  // The office's commands are followed as in the app: the decision document, the provider's assignment.
  const followers = commandFollowers(collectHooks(MODULES));
  const step = (actor: Actor, id: string, command: Command, input = {}) =>
    changeStatus({ services, actor, id, command, input, meta: META, followers });

  // The children's service: Ірина Кравченко's family (her children Софія and Максим) in difficult
  // life circumstances, Максим with a disability — the family it follows up.
  const maksym = await registerPerson({
    services,
    actor: worker,
    confirm: true,
    meta: META,
    input: {
      lastName: 'Кравченко',
      firstName: 'Максим',
      patronymic: 'Олегович',
      birthDate: '2012-06-19',
      sex: 'male',
      rnokppAbsence: 'none',
      settlementCode: settlements[(5 * 7) % settlements.length],
    },
  });
  if (maksym.kind !== 'created') throw new Error('demo person not created');
  const family = await createHousehold({
    services,
    actor: worker,
    meta: META,
    input: {
      headPersonId: ids[5],
      members: [
        { personId: ids[6], relation: 'child' },
        { personId: maksym.id, relation: 'child' },
      ],
    },
  });
  await addCategory({
    services,
    actor: worker,
    personId: ids[5],
    meta: META,
    input: {
      code: 'difficult_circumstances',
      validFrom: '2026-01-15',
      evidence: 'Акт оцінки потреб сім’ї',
      details: 'Мати сама виховує двох дітей, втратила роботу; потрібен соціальний супровід.',
    },
  });
  await addCategory({
    services,
    actor: worker,
    personId: maksym.id,
    meta: META,
    input: { code: 'disabled_child', validFrom: '2020-09-01', evidence: 'Медичний висновок ЛКК', details: undefined },
  });
  // The children's service follows the family up as a case (the granted home-care application below is left
  // without one, for a worker to open it from the application page).
  await openCase({
    services,
    actor: children,
    meta: META,
    input: {
      householdId: family,
      typeCode: 'family_sjo',
      priority: 'high',
      note: 'Звернення школи: діти пропускають заняття.',
    },
  });

  // A foster family the children's service created (trained, assessed, approved) with one child placed, and room
  // for one more (family forms of care, /family-care).
  const today = kyivToday();
  const carer = await register(
    children,
    ['Бондаренко', 'Світлана', 'Петрівна', '1981-02-11', 'female'],
    settlements[3],
  );
  const ward = await register(children, ['Левченко', 'Марта', 'Іванівна', '2016-10-04', 'female'], settlements[3]);
  const foster = await createHousehold({
    services,
    actor: children,
    meta: META,
    input: { headPersonId: carer, members: [] },
  });
  const care = { services, actor: children, meta: META };
  await registerCareFamily({ ...care, input: { householdId: foster, form: 'foster', capacity: 2 } });
  await recordCandidateStep({
    ...care,
    id: foster,
    input: { step: 'training', course: 'Школа прийомних батьків', hours: 72, on: addDays(today, -120) },
  });
  await recordCandidateStep({
    ...care,
    id: foster,
    input: { step: 'assessment', on: addDays(today, -90), assessment: 'positive' },
  });
  await recordCandidateStep({
    ...care,
    id: foster,
    input: {
      step: 'decision',
      on: addDays(today, -60),
      decision: 'approved',
      number: '112',
      body: 'Виконавчий комітет',
    },
  });
  await placeChild({
    ...care,
    id: foster,
    input: { childId: ward, placedOn: addDays(today, -45), basis: 'Рішення виконкому № 113' },
  });

  // The starosta: two persons of its district and an application registered at the starosta's office.
  const starosta = await staffActor(services, 'starosta', hromadaId);
  const districtId = starosta.grants.find((g) => g.role === 'starosta')?.districtId;
  if (districtId != null) {
    const village = (
      await services.db.tx({ hromadaId }, (c) =>
        c.query<{ code: string }>(
          'SELECT settlement_code AS code FROM district_settlements WHERE district_id = $1 ORDER BY settlement_code LIMIT 1',
          [districtId],
        ),
      )
    ).rows[0].code;
    const local: string[] = [];
    for (const [lastName, firstName, patronymic, birthDate, sex] of STAROSTA_PERSONS) {
      const r = await registerPerson({
        services,
        actor: starosta,
        confirm: true,
        meta: META,
        input: { lastName, firstName, patronymic, birthDate, sex, rnokppAbsence: 'none', settlementCode: village },
      });
      if (r.kind !== 'created') throw new Error('demo person not created');
      local.push(r.id);
    }
    const atStarosta = (
      await services.db.tx({ hromadaId }, (c) =>
        c.query<{ id: string }>(
          `SELECT id FROM services WHERE active AND 'starosta' = ANY(channels) ORDER BY id = $1 DESC, name LIMIT 1`,
          [serviceId],
        ),
      )
    ).rows[0];
    if (atStarosta) {
      await createApplication({
        services,
        actor: starosta,
        meta: META,
        input: { personId: local[0], serviceId: atStarosta.id, channel: 'starosta' },
      });
    }
  }

  await apply(ids[0]);
  const inReview = (await apply(ids[2])).id;
  await step(worker, inReview, 'startReview');
  const granted = (await apply(ids[7])).id;
  await step(worker, granted, 'startReview');
  await step(manager, granted, 'grant', { note: 'Потреба в догляді вдома підтверджена оцінюванням.' });

  await seedDemoDelivery(services, hromadaId, { granted: (await apply(ids[0])).id, step, worker, manager });
  await seedDemoOffices(services, hromadaId, manager);
}

/**
 * Home care delivered and paid for: the demo resident (Тарас) is granted home care, which the territorial centre
 * accepts and started 60 days ago; its worker (the demo provider) visits on Tuesdays and Thursdays at 10:00 for
 * 90 minutes (the round), and every visit since is an act. The service costs 85,50 UAH an hour; Тарас pays a share
 * by income; last month is invoiced (the cabinet shows the invoice, the provider's month page the acts).
 */
async function seedDemoDelivery(
  services: Services,
  hromadaId: number,
  o: {
    granted: string;
    step: (actor: Actor, id: string, command: Command, input?: object) => Promise<unknown>;
    worker: Actor;
    manager: Actor;
  },
): Promise<void> {
  const provider = await staffActor(services, 'provider', hromadaId);
  const today = kyivToday();
  const started = addDays(today, -60);
  await o.step(o.worker, o.granted, 'startReview');
  await o.step(o.manager, o.granted, 'grant', { note: 'Потреба в догляді вдома підтверджена оцінюванням.' });
  const a = (
    await services.db.tx({ hromadaId }, (c) =>
      c.query<{ id: string; agency_id: number; service_id: string; person_id: string }>(
        'SELECT id, agency_id, service_id, person_id FROM service_assignments WHERE application_id = $1',
        [o.granted],
      ),
    )
  ).rows[0];
  const deliver = { services, actor: provider, meta: META };
  await providerAction({ ...deliver, id: a.id, command: 'accept', input: {} });
  await providerAction({ ...deliver, id: a.id, command: 'start', input: { date: started } });
  await saveVisitSchedule({
    ...deliver,
    input: {
      assignmentId: a.id,
      workerId: provider.userId,
      weekdays: [2, 4],
      startsAt: '10:00',
      minutes: 90,
      place: 'home',
    },
  });
  for (let day = started; day < today; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 2 && weekday !== 4) continue;
    await recordServiceAct({
      ...deliver,
      input: {
        assignmentId: a.id,
        workerId: provider.userId,
        date: day,
        startsAt: '10:00',
        minutes: 90,
        place: 'home',
        confirmedBy: 'recipient',
        note: 'Прибирання, покупки, виміряли тиск',
      },
    });
  }
  // The office's side: the tariff, Тарас's income of the quarter the law takes and his category, last month's invoices.
  const office = { services, actor: o.manager, meta: META };
  await createTariff({
    ...office,
    input: {
      agencyId: a.agency_id,
      serviceId: a.service_id,
      unit: 'hour',
      priceKop: 8550,
      validFrom: addDays(started, -30),
      validTo: null,
      limitCenti: null,
      source: 'catalogue',
    },
  });
  const quarter = incomeQuarterFor(started);
  await recordIncome({
    ...office,
    personId: a.person_id,
    input: { ...quarter, totalKop: 2_400_000, members: 1, documents: 'Довідка ПФУ про доходи за квартал' },
  });
  await setPaymentCategory({
    ...office,
    personId: a.person_id,
    input: {
      serviceId: a.service_id,
      kind: 'income',
      ground: null,
      decidedOn: started,
      validFrom: started,
      validTo: null,
    },
  });
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  await runInvoices({ ...office, month: lastMonth, agencyId: null });
}
