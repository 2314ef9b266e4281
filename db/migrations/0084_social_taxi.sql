-- The social taxi (issue 14 item 6, decision 0036): the hromada's vehicles; ride requests for older people and people
-- with disabilities (from the cabinet, by phone through the front office, by a starosta) with pick-up, destination,
-- time, wheelchair and companion; the day's rides given to a vehicle and driver in route order; done or not come.
CREATE TABLE taxi_vehicles (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 2 AND 100),
  plate text CHECK (plate IS NULL OR length(plate) <= 20),
  wheelchair boolean NOT NULL DEFAULT false,
  seats int NOT NULL DEFAULT 3 CHECK (seats BETWEEN 1 AND 20),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, name)
);

CREATE TABLE taxi_rides (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid,
  resident_user_id uuid REFERENCES users(id),
  contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 2 AND 200),
  contact_phone text CHECK (contact_phone IS NULL OR contact_phone ~ '^\+380[0-9]{9}$'),
  settlement_code text NOT NULL REFERENCES settlements(code),
  pickup text NOT NULL CHECK (length(pickup) BETWEEN 3 AND 300),
  destination text NOT NULL CHECK (length(destination) BETWEEN 3 AND 300),
  pickup_at timestamptz NOT NULL,
  wheelchair boolean NOT NULL DEFAULT false,
  companion boolean NOT NULL DEFAULT false,
  note text CHECK (note IS NULL OR length(note) <= 500),
  channel text NOT NULL CHECK (channel IN ('online', 'front_office', 'starosta')),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'scheduled', 'done', 'no_show', 'cancelled')),
  vehicle_id bigint,
  driver text CHECK (driver IS NULL OR length(driver) <= 100),
  route_order int CHECK (route_order IS NULL OR route_order BETWEEN 1 AND 999),
  district_id int,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, vehicle_id) REFERENCES taxi_vehicles (hromada_id, id),
  FOREIGN KEY (hromada_id, district_id) REFERENCES districts (hromada_id, id),
  CHECK ((status = 'scheduled') <= (vehicle_id IS NOT NULL))
);
CREATE INDEX taxi_rides_day_idx ON taxi_rides (hromada_id, pickup_at);
CREATE INDEX taxi_rides_resident_idx ON taxi_rides (resident_user_id, pickup_at) WHERE resident_user_id IS NOT NULL;
CREATE INDEX taxi_rides_person_idx ON taxi_rides (hromada_id, person_id) WHERE person_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['taxi_vehicles', 'taxi_rides'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id())
      WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON taxi_vehicles, taxi_rides TO {{app_role}};
