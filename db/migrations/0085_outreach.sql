-- Outreach trips and the offline workstation (issue 14 items 4, 5 and 8; decision 0036 part 5).
-- A trip (date, settlements, staff, vehicle) has ordered stops: the residents to visit, added from bookings, cases,
-- requests or by hand. A member of the trip's staff downloads a package of the trip's residents (the minimum needed),
-- works offline and syncs a log of operations: each applied once (outreach_ops, keyed by the device's operation id), a
-- person changed both on the device and here since the package kept as a conflict with both versions, resolved field by
-- field. Applications taken on a trip carry it («виїзний прийом»).
CREATE TABLE outreach_trips (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  trip_date date NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) BETWEEN 3 AND 200),
  vehicle_id bigint,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  report text CHECK (report IS NULL OR length(report) <= 4000),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, vehicle_id) REFERENCES taxi_vehicles (hromada_id, id),
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
CREATE INDEX outreach_trips_date_idx ON outreach_trips (hromada_id, trip_date DESC);

CREATE TABLE outreach_trip_settlements (
  hromada_id int NOT NULL,
  trip_id uuid NOT NULL,
  settlement_code text NOT NULL REFERENCES settlements(code),
  position int NOT NULL CHECK (position BETWEEN 1 AND 100),
  PRIMARY KEY (hromada_id, trip_id, settlement_code),
  FOREIGN KEY (hromada_id, trip_id) REFERENCES outreach_trips (hromada_id, id) ON DELETE CASCADE
);

CREATE TABLE outreach_trip_staff (
  hromada_id int NOT NULL,
  trip_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (hromada_id, trip_id, user_id),
  FOREIGN KEY (hromada_id, trip_id) REFERENCES outreach_trips (hromada_id, id) ON DELETE CASCADE
);
CREATE INDEX outreach_trip_staff_user_idx ON outreach_trip_staff (hromada_id, user_id);

CREATE TABLE outreach_stops (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  trip_id uuid NOT NULL,
  person_id uuid NOT NULL,
  position int NOT NULL CHECK (position BETWEEN 1 AND 10000),
  source text NOT NULL CHECK (source IN ('booking', 'case', 'application', 'manual', 'device')),
  reason text CHECK (reason IS NULL OR length(reason) <= 300),
  outcome text CHECK (outcome IN ('served', 'not_home', 'refused')),
  note text CHECK (note IS NULL OR length(note) <= 2000),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, trip_id, person_id),
  FOREIGN KEY (hromada_id, trip_id) REFERENCES outreach_trips (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  CHECK ((outcome IS NULL) = (recorded_at IS NULL))
);
CREATE INDEX outreach_stops_person_idx ON outreach_stops (hromada_id, person_id);

CREATE TABLE outreach_packages (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  trip_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  salt text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  persons int NOT NULL,
  closed_at timestamptz,
  closed_reason text CHECK (closed_reason IN ('replaced', 'finished')),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, trip_id) REFERENCES outreach_trips (hromada_id, id),
  CHECK ((closed_at IS NULL) = (closed_reason IS NULL))
);
CREATE INDEX outreach_packages_worker_idx ON outreach_packages (hromada_id, trip_id, user_id) WHERE closed_at IS NULL;

CREATE TABLE outreach_ops (
  hromada_id int NOT NULL,
  op_id uuid NOT NULL,
  package_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('person.create', 'person.update', 'application.create', 'case.note', 'stop.record',
    'visit.book')),
  person_ref uuid,
  status text NOT NULL CHECK (status IN ('applied', 'conflict')),
  result jsonb NOT NULL,
  made_at timestamptz NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, op_id),
  FOREIGN KEY (hromada_id, package_id) REFERENCES outreach_packages (hromada_id, id)
);
CREATE UNIQUE INDEX outreach_ops_person_ref_idx ON outreach_ops (hromada_id, package_id, person_ref)
  WHERE person_ref IS NOT NULL;

CREATE TABLE outreach_conflicts (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  op_id uuid NOT NULL,
  trip_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  person_id uuid NOT NULL,
  base_version int NOT NULL,
  server_version int NOT NULL,
  device jsonb NOT NULL,
  server jsonb NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution jsonb,
  resolved_by uuid REFERENCES users(id),
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, op_id),
  -- The conflict is written before its operation's row (in the same transaction).
  FOREIGN KEY (hromada_id, op_id) REFERENCES outreach_ops (hromada_id, op_id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (hromada_id, trip_id) REFERENCES outreach_trips (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX outreach_conflicts_open_idx ON outreach_conflicts (hromada_id, user_id) WHERE status = 'open';
CREATE INDEX outreach_conflicts_person_idx ON outreach_conflicts (hromada_id, person_id);

-- An application taken on a trip names it: the office's queue marks it «виїзний прийом».
ALTER TABLE applications ADD COLUMN outreach_trip_id uuid;
ALTER TABLE applications ADD CONSTRAINT applications_outreach_trip_fk
  FOREIGN KEY (hromada_id, outreach_trip_id) REFERENCES outreach_trips (hromada_id, id);
CREATE INDEX applications_outreach_trip_idx ON applications (hromada_id, outreach_trip_id)
  WHERE outreach_trip_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outreach_trips', 'outreach_trip_settlements', 'outreach_trip_staff', 'outreach_stops',
    'outreach_packages', 'outreach_ops', 'outreach_conflicts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id())
      WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON outreach_trips, outreach_stops, outreach_packages, outreach_conflicts TO {{app_role}};
GRANT SELECT, INSERT, DELETE ON outreach_trip_settlements, outreach_trip_staff TO {{app_role}};
GRANT SELECT, INSERT ON outreach_ops TO {{app_role}};
GRANT DELETE ON outreach_stops TO {{app_role}};
