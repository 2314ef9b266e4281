-- Analytics at scale (issue 13, performance; decision 0035).
--
-- 1. service_act_months: the service acts (not cancelled) summed per hromada, month, person, service and place —
--    what the delivery metrics read for a period of whole months instead of millions of acts. It is kept by
--    statement-level triggers on service_acts (one grouped upsert per statement, so a week entered at once or a
--    generated load costs one statement, not one per act), and filled once here from the acts already there.
-- 2. metric_figures: the computed totals of metrics kept per hromada, metric and period, with when they were
--    computed — what dashboards and public pages show; a figure older than a few minutes is recomputed in the
--    background (refresh_requested_at marks one already asked for), and «Перерахувати зараз» asks for all of a plan's.
CREATE TABLE service_act_months (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  person_id uuid NOT NULL,
  service_id uuid NOT NULL,
  place text NOT NULL,
  acts int NOT NULL,
  minutes bigint NOT NULL,
  PRIMARY KEY (hromada_id, month, person_id, service_id, place),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id)
);

-- Keeps the months: adds the acts a statement inserted (or an update made), takes away those it removed (or an update
-- replaced, e.g. by cancelling), grouped, in key order so two statements never lock the same months in opposite
-- orders; months left with no act are deleted (the sums are not checked for sign: an upsert proposes the negative
-- difference as a row before it meets the month it changes). One function for the three events (the transition tables an event
-- lacks are read as empty).
CREATE FUNCTION service_act_months_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
    )
    INSERT INTO service_act_months AS m (hromada_id, month, person_id, service_id, place, acts, minutes)
    SELECT * FROM net ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (hromada_id, month, person_id, service_id, place)
    DO UPDATE SET acts = m.acts + EXCLUDED.acts, minutes = m.minutes + EXCLUDED.minutes$q$,
    CASE WHEN TG_OP = 'DELETE' THEN none ELSE 'SELECT * FROM new_acts' END,
    CASE WHEN TG_OP = 'INSERT' THEN none ELSE 'SELECT * FROM old_acts' END);
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM service_act_months m WHERE m.acts = 0 AND (m.hromada_id, m.month, m.person_id) IN (
      SELECT o.hromada_id, date_trunc('month', o.act_date)::date, o.person_id FROM old_acts o);
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER service_act_months_insert AFTER INSERT ON service_acts
  REFERENCING NEW TABLE AS new_acts FOR EACH STATEMENT EXECUTE FUNCTION service_act_months_keep();
CREATE TRIGGER service_act_months_update AFTER UPDATE ON service_acts
  REFERENCING OLD TABLE AS old_acts NEW TABLE AS new_acts FOR EACH STATEMENT EXECUTE FUNCTION service_act_months_keep();
CREATE TRIGGER service_act_months_delete AFTER DELETE ON service_acts
  REFERENCING OLD TABLE AS old_acts FOR EACH STATEMENT EXECUTE FUNCTION service_act_months_keep();

INSERT INTO service_act_months (hromada_id, month, person_id, service_id, place, acts, minutes)
SELECT hromada_id, date_trunc('month', act_date)::date, person_id, service_id, place, count(*), sum(minutes)
FROM service_acts WHERE cancelled_at IS NULL GROUP BY 1, 2, 3, 4, 5;

CREATE TABLE metric_figures (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  metric_key text NOT NULL CHECK (length(metric_key) BETWEEN 1 AND 80),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  total numeric NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  refresh_requested_at timestamptz,
  PRIMARY KEY (hromada_id, metric_key, period_from, period_to)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_act_months', 'metric_figures'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id())
      WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON service_act_months TO {{app_role}};
GRANT SELECT, INSERT, UPDATE ON metric_figures TO {{app_role}};
