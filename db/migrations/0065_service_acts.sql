-- Service acts and home-care rounds (issue 12 items 3 and 4, decision 0028). The acts themselves are service_acts of
-- 0063; here the provider's visit schedule: which worker visits the recipient of an assignment on which weekdays, at
-- what time, for how long and where. A worker's round of a day is the schedule's visits of that weekday for the
-- active assignments, at home.
CREATE TABLE visit_schedules (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL,
  -- Copied from the assignment, so a provider's schedule is one index.
  agency_id int NOT NULL,
  worker_id uuid NOT NULL REFERENCES users(id),
  -- ISO weekdays: 1 Monday … 7 Sunday.
  weekdays int[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]),
  starts_at time,
  minutes int NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  place text NOT NULL DEFAULT 'home' CHECK (place IN ('home', 'day_centre', 'residential', 'remote')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, assignment_id) REFERENCES service_assignments (hromada_id, id),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id)
);
CREATE INDEX visit_schedules_worker_idx ON visit_schedules (hromada_id, worker_id);
CREATE INDEX visit_schedules_agency_idx ON visit_schedules (hromada_id, agency_id);

ALTER TABLE visit_schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE visit_schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON visit_schedules USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON visit_schedules TO {{app_role}};
