-- Early detection (раннє виявлення): signals (повідомлення) about a child or an adult at risk, from a school,
-- the police, health care, neighbours, the hotline or the person's own report; a triage deadline per urgency
-- (configurable per hromada), a mobile brigade's visits, and an outcome: a case, another agency, or no action.
-- Keys lead with hromada_id (decision 0011); the foreign keys carry the hromada on both sides.

-- Agencies get UNIQUE (hromada_id, id) for the foreign key of «passed to another agency» (another migration may
-- add the same constraint: only one of them does).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'agencies_hromada_id_id_key') THEN
    ALTER TABLE agencies ADD CONSTRAINT agencies_hromada_id_id_key UNIQUE (hromada_id, id);
  END IF;
END $$;

-- A hromada's triage deadlines in hours per urgency. No row: the defaults in code (signal-deadlines.ts:
-- urgent 24, high 72, normal 168), which the interagency procedures' unverified limits do not fix (LEGAL.md).
CREATE TABLE signal_settings (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  urgent_hours int NOT NULL CHECK (urgent_hours BETWEEN 1 AND 2160),
  high_hours int NOT NULL CHECK (high_hours BETWEEN 1 AND 2160),
  normal_hours int NOT NULL CHECK (normal_hours BETWEEN 1 AND 2160),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id)
);

-- The signal number of the hromada's year: С-2026-000001 (a counter row locked while numbering).
CREATE TABLE signal_counters (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last int NOT NULL DEFAULT 0,
  PRIMARY KEY (hromada_id, year)
);

CREATE TABLE signals (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number text NOT NULL,
  source text NOT NULL CHECK (source IN ('school', 'police', 'health', 'neighbours', 'hotline', 'self', 'other')),
  source_detail text CHECK (length(source_detail) <= 200),
  -- Who it is about: a registry person when known, otherwise a name as told, an age and whether a child.
  person_id uuid,
  subject_name text CHECK (length(subject_name) <= 200),
  subject_age int CHECK (subject_age BETWEEN 0 AND 130),
  subject_child boolean NOT NULL DEFAULT false,
  place text CHECK (length(place) <= 500),
  observed text NOT NULL CHECK (length(observed) BETWEEN 1 AND 4000),
  urgency text NOT NULL CHECK (urgency IN ('urgent', 'high', 'normal')),
  received_at timestamptz NOT NULL,
  -- Set when the signal is registered from the hromada's deadline of its urgency (a later change of the
  -- settings does not move it).
  triage_due_at timestamptz NOT NULL,
  anonymous boolean NOT NULL DEFAULT false,
  reporter_name text CHECK (length(reporter_name) <= 200),
  reporter_contact text CHECK (length(reporter_contact) <= 200),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_triage', 'closed')),
  outcome text CHECK (outcome IN ('case', 'agency', 'no_action')),
  outcome_reason text CHECK (length(outcome_reason) <= 2000),
  agency_id int,
  closed_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, number),
  CHECK (person_id IS NOT NULL OR subject_name IS NOT NULL),
  CHECK (NOT anonymous OR (reporter_name IS NULL AND reporter_contact IS NULL)),
  CHECK ((status = 'closed') = (outcome IS NOT NULL) AND (outcome IS NULL) = (closed_at IS NULL)),
  CHECK ((outcome = 'agency') = (agency_id IS NOT NULL)),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id)
);
CREATE INDEX signals_open_idx ON signals (hromada_id, triage_due_at) WHERE status <> 'closed';
CREATE INDEX signals_list_idx ON signals (hromada_id, status, received_at DESC);
CREATE INDEX signals_person_idx ON signals (hromada_id, person_id) WHERE person_id IS NOT NULL;

-- Everything that happened to the signal, append-only (registration, triage, visits, the outcome).
CREATE TABLE signal_events (
  hromada_id int NOT NULL,
  id bigserial NOT NULL,
  signal_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid REFERENCES users(id),
  actor_label text NOT NULL,
  event text NOT NULL,
  note text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, signal_id) REFERENCES signals (hromada_id, id)
);
CREATE INDEX signal_events_signal_idx ON signal_events (hromada_id, signal_id, at, id);

-- The mobile brigade's visits: the day, who went, what they found.
CREATE TABLE signal_visits (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  signal_id uuid NOT NULL,
  visited_on date NOT NULL,
  members text NOT NULL CHECK (length(members) BETWEEN 1 AND 500),
  findings text NOT NULL CHECK (length(findings) BETWEEN 1 AND 4000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, signal_id) REFERENCES signals (hromada_id, id)
);
CREATE INDEX signal_visits_signal_idx ON signal_visits (hromada_id, signal_id, visited_on);

-- A case opened from a signal (at most one per signal): the case's page names the signal.
ALTER TABLE cases ADD COLUMN signal_id uuid;
ALTER TABLE cases ADD CONSTRAINT cases_signal_fkey FOREIGN KEY (hromada_id, signal_id) REFERENCES signals (hromada_id, id);
CREATE UNIQUE INDEX cases_signal_idx ON cases (hromada_id, signal_id) WHERE signal_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['signal_settings', 'signal_counters', 'signals', 'signal_events', 'signal_visits'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON signal_settings, signal_counters, signals TO {{app_role}};
GRANT SELECT, INSERT ON signal_events, signal_visits TO {{app_role}};
GRANT USAGE ON SEQUENCE signal_events_id_seq TO {{app_role}};
