/**
 * The data of the service-delivery benchmark (issue 12, `bench/delivery.ts`), in bulk SQL in one hromada: providers
 * (agencies of every form of ownership) with the catalogue services each delivers, five staff users each (provider
 * grants), one active case per recipient with an approved plan whose service items are handed to a provider
 * (assignments in progress), and service acts over the last two years. Full size: 2,000 providers, 200,000
 * recipients, 10,000,000 acts. Persons come through the registry's own encodings (bench/generate.ts).
 */
import type pg from 'pg';

export interface DeliverySizes {
  providers: number;
  recipients: number;
  acts: number;
}

export const STAFF_PER_PROVIDER = 5;

const log = (m: string) => process.stderr.write(`${m}\n`);

async function step(owner: pg.Client, what: string, sql: string, params: unknown[] = []) {
  const t = performance.now();
  const r = await owner.query(sql, params);
  log(`  ${what}: ${r.rowCount ?? 0} rows, ${Math.round(performance.now() - t)} ms`);
}

/**
 * Providers, their staff, cases, plans, assignments and acts. `persons` must already hold the recipients (the first
 * `sizes.recipients` persons of the hromada by id are used).
 */
export async function generateDelivery(owner: pg.Client, hromadaId: number, sizes: DeliverySizes): Promise<void> {
  await owner.query('SELECT setseed(0.12)');
  const managerId = (await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'worker'`)).rows[0].id;
  // Providers: a third communal, the rest NGOs, charities, private companies and ФОПи; capacity by size.
  await step(
    owner,
    'providers',
    `INSERT INTO agencies (hromada_id, name, kind, ownership, address, phone, places, hours_per_month, staff_count, active)
     SELECT $1, 'Надавач ' || lpad(g::text, 5, '0'), 'provider',
       (ARRAY['communal', 'ngo', 'charity', 'private', 'fop'])[1 + g % 5], 'вул. Соборна, ' || g, '+380500000000',
       50 + g % 100, 800 + (g % 10) * 80, ${STAFF_PER_PROVIDER}, true
     FROM generate_series(1, $2) g`,
    [hromadaId, sizes.providers],
  );
  await owner.query(`CREATE TEMP TABLE bench_agencies AS
    SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id FROM agencies
    WHERE hromada_id = ${hromadaId} AND name LIKE 'Надавач %'`);
  await owner.query('CREATE UNIQUE INDEX ON bench_agencies (n)');
  await owner.query(`CREATE TEMP TABLE bench_services AS
    SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id FROM services WHERE hromada_id = ${hromadaId} AND active`);
  const serviceCount = Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM bench_services')).rows[0].n);
  // Each provider delivers two services of the catalogue, at home and in a day centre.
  await step(
    owner,
    'provider services',
    `INSERT INTO service_providers (hromada_id, service_id, agency_id)
     SELECT $1, s.id, a.id FROM bench_agencies a CROSS JOIN generate_series(0, 1) k
     JOIN bench_services s ON s.n = (a.n + k * 7) % $2 ON CONFLICT DO NOTHING`,
    [hromadaId, serviceCount],
  );
  await step(
    owner,
    'provider settings',
    `INSERT INTO provider_services (hromada_id, agency_id, service_id, setting, created_by)
     SELECT sp.hromada_id, sp.agency_id, sp.service_id, st, $2 FROM service_providers sp
     JOIN bench_agencies a ON a.id = sp.agency_id CROSS JOIN unnest(ARRAY['home', 'day_centre']) st
     WHERE sp.hromada_id = $1 ON CONFLICT DO NOTHING`,
    [hromadaId, managerId],
  );
  // Staff: five users per provider with a provider grant at it.
  await step(
    owner,
    'provider staff',
    `INSERT INTO users (kind, username, display_name, home_hromada_id)
     SELECT 'staff', 'bench-provider-' || a.n || '-' || k, 'Соцпрацівниця ' || a.n || '-' || k, $1
     FROM bench_agencies a CROSS JOIN generate_series(0, ${STAFF_PER_PROVIDER - 1}) k ON CONFLICT (username) DO NOTHING`,
    [hromadaId],
  );
  await step(
    owner,
    'provider grants',
    `INSERT INTO grants (hromada_id, user_id, role, agency_id)
     SELECT $1, u.id, 'provider', a.id FROM bench_agencies a CROSS JOIN generate_series(0, ${STAFF_PER_PROVIDER - 1}) k
     JOIN users u ON u.username = 'bench-provider-' || a.n || '-' || k ON CONFLICT DO NOTHING`,
    [hromadaId],
  );
  await owner.query(`CREATE TEMP TABLE bench_staff AS
    SELECT a.n AS an, k, u.id FROM bench_agencies a CROSS JOIN generate_series(0, ${STAFF_PER_PROVIDER - 1}) k
    JOIN users u ON u.username = 'bench-provider-' || a.n || '-' || k`);
  await owner.query('CREATE UNIQUE INDEX ON bench_staff (an, k)');

  // Recipients: one active case each with an approved plan whose one service item is handed to a provider.
  await owner.query(`CREATE TEMP TABLE bench_recipients AS
    SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id, district_id FROM persons
    WHERE hromada_id = ${hromadaId} ORDER BY id LIMIT ${sizes.recipients}`);
  await owner.query('CREATE UNIQUE INDEX ON bench_recipients (n)');
  await step(
    owner,
    'cases',
    `INSERT INTO cases (hromada_id, number, type_code, person_id, status, priority, manager_id, district_id, restricted,
       opened_on, created_by, created_at, updated_at)
     SELECT $1, 'Д-' || lpad(r.n::text, 7, '0'), 'older_disability', r.id, 'active', 'normal', $2, r.district_id, false,
       current_date - 800, $2, now(), now()
     FROM bench_recipients r`,
    [hromadaId, managerId],
  );
  await owner.query(`CREATE TEMP TABLE bench_cases AS
    SELECT r.n, k.id AS case_id, r.id AS person_id FROM cases k JOIN bench_recipients r ON r.id = k.person_id
    WHERE k.hromada_id = ${hromadaId} AND k.number LIKE 'Д-%'`);
  await owner.query('CREATE UNIQUE INDEX ON bench_cases (n)');
  await step(
    owner,
    'plans',
    `INSERT INTO case_plans (hromada_id, case_id, version, status, agreed_on, agreed_channel, decided_at, decided_by,
       approved_version, updated_by)
     SELECT $1, case_id, 1, 'approved', current_date - 790, 'in_person', now(), $2, 1, $2 FROM bench_cases`,
    [hromadaId, managerId],
  );
  // Recipient n goes to provider n % providers, for the first of its two services; 8–16 hours a month.
  await step(
    owner,
    'plan items',
    `INSERT INTO case_plan_items (hromada_id, case_id, position, kind, text, service_id, agency_id, starts_on, ends_on,
       volume_per_month, volume_unit)
     SELECT $1, c.case_id, 1, 'service', 'Прибирання, покупки, супровід до лікаря', s.id, a.id, current_date - 780,
       current_date + 365, 8 + c.n % 9, 'hour'
     FROM bench_cases c JOIN bench_agencies a ON a.n = c.n % $2 JOIN bench_services s ON s.n = a.n % $3`,
    [hromadaId, sizes.providers, serviceCount],
  );
  await step(
    owner,
    'assignments',
    `INSERT INTO service_assignments (hromada_id, person_id, service_id, agency_id, status, started_on, case_id,
       plan_item_id, assigned_at, created_by)
     SELECT i.hromada_id, c.person_id, i.service_id, i.agency_id, 'in_progress', current_date - 775, i.case_id, i.id,
       (current_date - 780)::timestamptz, $2
     FROM case_plan_items i JOIN bench_cases c ON c.case_id = i.case_id WHERE i.hromada_id = $1`,
    [hromadaId, managerId],
  );
  await owner.query(`CREATE TEMP TABLE bench_assignments AS
    SELECT c.n, s.id, s.person_id, s.service_id, s.agency_id, st.id AS worker_id
    FROM service_assignments s JOIN bench_cases c ON c.case_id = s.case_id
    JOIN bench_staff st ON st.an = c.n % ${sizes.providers} AND st.k = (c.n / ${sizes.providers}) % ${STAFF_PER_PROVIDER}
    WHERE s.hromada_id = ${hromadaId}`);
  await owner.query('CREATE UNIQUE INDEX ON bench_assignments (n)');

  // Acts over the last two years: each recipient visited every few days (acts per recipient = acts / recipients),
  // one act a day at most, 30–180 minutes, at home, confirmed by the recipient's signature or by the worker.
  const perRecipient = Math.max(1, Math.round(sizes.acts / sizes.recipients));
  const spacing = Math.max(1, Math.floor(730 / perRecipient));
  // The rows are valid by construction: their foreign-key triggers (four lookups an act) are skipped while loading.
  await owner.query('SET session_replication_role = replica');
  await step(
    owner,
    'acts',
    `INSERT INTO service_acts (hromada_id, assignment_id, person_id, service_id, agency_id, worker_id, act_date,
       starts_at, minutes, place, confirmed_by, confirm_reason, created_by, created_at)
     SELECT $1, a.id, a.person_id, a.service_id, a.agency_id, a.worker_id, d.day,
       time '08:00' + make_interval(mins => (a.n / ${sizes.providers * STAFF_PER_PROVIDER}) % 16 * 30),
       30 + (a.n + k) % 6 * 30, 'home',
       CASE WHEN (a.n + k) % 10 = 0 THEN 'worker' ELSE 'recipient' END,
       CASE WHEN (a.n + k) % 10 = 0 THEN 'Отримувач не може підписати через стан здоров’я' END,
       a.worker_id, d.day::timestamptz
     FROM bench_assignments a CROSS JOIN generate_series(0, ${perRecipient - 1}) k
     CROSS JOIN LATERAL (SELECT current_date - 1 - (k * ${spacing} + a.n % ${spacing}) AS day) d`,
    [hromadaId],
  );
  await owner.query('SET session_replication_role = DEFAULT');
  await owner.query('VACUUM ANALYZE');
}

/**
 * Paid services: the two catalogue services most assigned become paid (the rest free in this database); the tariff of
 * one of them is set, from two years ago, at its providers in turn until they serve `recipients` people; of those a
 * third are free by a listed category, a third pay a share by income, a third the full tariff. Acts of a paid service
 * at a provider without a tariff stay unpriced (the run still reads them).
 */
export async function generatePaid(owner: pg.Client, hromadaId: number, recipients: number): Promise<void> {
  const managerId = (await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`)).rows[0].id;
  const paid = (
    await owner.query<{ id: string }>(
      `SELECT s.id FROM services s JOIN service_assignments a ON a.hromada_id = s.hromada_id AND a.service_id = s.id
       WHERE s.hromada_id = $1 GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 2`,
      [hromadaId],
    )
  ).rows.map((r) => r.id);
  await owner.query(
    `UPDATE services SET cost = CASE WHEN id = ANY($2::uuid[]) THEN 'differentiated' ELSE 'free' END WHERE hromada_id = $1`,
    [hromadaId, paid],
  );
  await step(
    owner,
    'tariffs',
    `WITH per AS (SELECT agency_id, service_id, count(*) AS n FROM service_assignments
                  WHERE hromada_id = $1 AND service_id = ANY($2::uuid[]) GROUP BY agency_id, service_id),
     run AS (SELECT *, sum(n) OVER (ORDER BY service_id, agency_id) - n AS before FROM per)
     INSERT INTO paid_service_tariffs (hromada_id, agency_id, service_id, unit, price, valid_from, source, created_by)
     SELECT $1, agency_id, service_id, 'hour', 85.50, current_date - 800, 'catalogue', $3 FROM run WHERE before < $4`,
    [hromadaId, paid, managerId, recipients],
  );
  await owner.query(`CREATE TEMP TABLE bench_paid AS
    SELECT (row_number() OVER (ORDER BY a.person_id) - 1)::int AS n, a.person_id, a.service_id FROM service_assignments a
    JOIN paid_service_tariffs t ON t.hromada_id = a.hromada_id AND t.agency_id = a.agency_id AND t.service_id = a.service_id
    WHERE a.hromada_id = ${hromadaId}`);
  await step(
    owner,
    'incomes',
    `INSERT INTO paid_service_incomes (hromada_id, person_id, year, quarter, total_income, members, documents, created_by)
     SELECT $1, person_id, extract(year FROM current_date - 800)::int, 1, 3 * (6056 + (n % 100) * 60), 1,
       'Довідка про доходи', $2
     FROM bench_paid WHERE n % 3 = 1`,
    [hromadaId, managerId],
  );
  await step(
    owner,
    'payment categories',
    `INSERT INTO paid_service_categories (hromada_id, person_id, service_id, kind, ground, income_id, decided_on, ratio,
       share_bp, valid_from, created_by)
     SELECT $1, p.person_id, p.service_id, CASE WHEN p.n % 3 = 0 THEN 'free' ELSE 'income' END,
       CASE WHEN p.n % 3 = 0 THEN 'disabilityGroup1' END, i.id, current_date - 790,
       CASE WHEN p.n % 3 = 1 THEN 2 + (p.n % 100) * 0.02 END,
       CASE WHEN p.n % 3 = 0 THEN 0 ELSE 2000 + (p.n % 4) * 2000 END, current_date - 790, $2
     FROM bench_paid p LEFT JOIN paid_service_incomes i ON i.hromada_id = $1 AND i.person_id = p.person_id
     WHERE p.n % 3 <> 2`,
    [hromadaId, managerId],
  );
}

/**
 * The visit schedules of the home-care round: each recipient once a week at its worker's, on weekday 1 + j % 5 at
 * 08:00 + j / 5 hours for 50 minutes (j: the recipient's place in its worker's list), so a worker's week is 20
 * visits that never overlap.
 */
export async function generateSchedules(owner: pg.Client, hromadaId: number, providers: number): Promise<void> {
  await step(
    owner,
    'visit schedules',
    `WITH r AS (
       SELECT a.id, a.agency_id, substr(k.number, 3)::int AS n
       FROM service_assignments a JOIN cases k ON k.hromada_id = a.hromada_id AND k.id = a.case_id
       WHERE a.hromada_id = $1 AND k.number LIKE 'Д-%')
     INSERT INTO visit_schedules (hromada_id, assignment_id, agency_id, worker_id, weekdays, starts_at, minutes, place,
       created_by)
     SELECT $1, r.id, r.agency_id, u.id, ARRAY[1 + (r.n / ($2 * ${STAFF_PER_PROVIDER})) % 5],
       time '08:00' + make_interval(hours => (r.n / ($2 * ${STAFF_PER_PROVIDER}) / 5) % 8), 50, 'home', u.id
     FROM r JOIN users u ON u.username = 'bench-provider-' || (r.n % $2) || '-' || ((r.n / $2) % ${STAFF_PER_PROVIDER})`,
    [hromadaId, providers],
  );
}
