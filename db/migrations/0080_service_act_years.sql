-- Yearly sums of service acts (issue 13, performance; decision 0035 addendum): a year of the delivery metrics read 1.2
-- million monthly rows at full size (a person served every month is twelve rows) — the larger part of «one indicator
-- with all its breakdowns». service_act_years holds the same sums per hromada, year, person, service and place, kept
-- by the same statement-level triggers in the same statement as the months (one grouped upsert each), and filled here
-- from the months. A period of whole years reads it; one of whole months the months; any other the acts.
CREATE TABLE service_act_years (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  year int NOT NULL CHECK (year BETWEEN 1991 AND 2100),
  person_id uuid NOT NULL,
  service_id uuid NOT NULL,
  place text NOT NULL,
  acts int NOT NULL,
  minutes bigint NOT NULL,
  PRIMARY KEY (hromada_id, year, person_id, service_id, place),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id)
);
ALTER TABLE service_act_years ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_act_years FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON service_act_years USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON service_act_years TO {{app_role}};

INSERT INTO service_act_years (hromada_id, year, person_id, service_id, place, acts, minutes)
SELECT hromada_id, extract(year FROM month)::int, person_id, service_id, place, sum(acts), sum(minutes)
FROM service_act_months GROUP BY 1, 2, 3, 4, 5;

-- The months and now the years: the statement's net change, computed once, upserted into both in key order; rows
-- left with no act are deleted from both.
CREATE OR REPLACE FUNCTION service_act_months_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  none constant text := 'SELECT * FROM service_acts WHERE false';
BEGIN
  EXECUTE format($q$
    WITH d AS (
      SELECT hromada_id, date_trunc('month', act_date)::date AS month, person_id, service_id, place,
        count(*) AS acts, sum(minutes) AS minutes
      FROM (%s) a WHERE cancelled_at IS NULL GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT hromada_id, date_trunc('month', act_date)::date, person_id, service_id, place, -count(*), -sum(minutes)
      FROM (%s) a WHERE cancelled_at IS NULL GROUP BY 1, 2, 3, 4, 5
    ), net AS (
      SELECT hromada_id, month, person_id, service_id, place, sum(acts)::int AS acts, sum(minutes)::bigint AS minutes
      FROM d GROUP BY 1, 2, 3, 4, 5 HAVING sum(acts) <> 0 OR sum(minutes) <> 0
    ), months AS (
      INSERT INTO service_act_months AS m (hromada_id, month, person_id, service_id, place, acts, minutes)
      SELECT * FROM net ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (hromada_id, month, person_id, service_id, place)
      DO UPDATE SET acts = m.acts + EXCLUDED.acts, minutes = m.minutes + EXCLUDED.minutes
      RETURNING 1
    )
    INSERT INTO service_act_years AS y (hromada_id, year, person_id, service_id, place, acts, minutes)
    SELECT hromada_id, extract(year FROM month)::int, person_id, service_id, place, sum(acts)::int, sum(minutes)::bigint
    FROM net GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (hromada_id, year, person_id, service_id, place)
    DO UPDATE SET acts = y.acts + EXCLUDED.acts, minutes = y.minutes + EXCLUDED.minutes$q$,
    CASE WHEN TG_OP = 'DELETE' THEN none ELSE 'SELECT * FROM new_acts' END,
    CASE WHEN TG_OP = 'INSERT' THEN none ELSE 'SELECT * FROM old_acts' END);
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM service_act_months m WHERE m.acts = 0 AND (m.hromada_id, m.month, m.person_id) IN (
      SELECT o.hromada_id, date_trunc('month', o.act_date)::date, o.person_id FROM old_acts o);
    DELETE FROM service_act_years y WHERE y.acts = 0 AND (y.hromada_id, y.year, y.person_id) IN (
      SELECT o.hromada_id, extract(year FROM o.act_date)::int, o.person_id FROM old_acts o);
  END IF;
  RETURN NULL;
END $fn$;
