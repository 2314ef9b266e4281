-- Applications for social services (заяви): intake, status machine, timeline, deadlines.
-- Tenant tables: hromada_id + RLS. The hromada's working-day calendar lives in
-- hromadas.settings -> 'workCalendar' ({ martialLaw, extraHolidays, extraWorkingDays }).

-- Registration numbers СП-<year>-<6 digits>, per hromada and year; the row is locked while numbering.
CREATE TABLE application_counters (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last int NOT NULL DEFAULT 0,
  PRIMARY KEY (hromada_id, year)
);

CREATE TABLE applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  registration_number text,
  person_id uuid NOT NULL REFERENCES persons(id),
  service_id uuid NOT NULL REFERENCES services(id),
  channel text NOT NULL CHECK (channel IN ('online', 'front_office', 'starosta')),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'registered', 'in_review', 'needs_documents',
    'granted', 'refused', 'in_delivery', 'completed', 'withdrawn')),
  -- The person's starosta district when the application was made (a starosta's reach).
  district_id int REFERENCES districts(id),
  assignee_id uuid REFERENCES users(id),
  submitted_at timestamptz,
  registered_at timestamptz,
  -- Kyiv date of registration and the working days the decision may take (from the service).
  registered_on date,
  processing_days int CHECK (processing_days IS NULL OR processing_days BETWEEN 0 AND 365),
  deadline date,
  -- Working days spent waiting for documents (the clock's pauses), and the open pause's start.
  paused_days int NOT NULL DEFAULT 0 CHECK (paused_days >= 0),
  paused_since date,
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id),
  decision text,
  refusal_reason text,
  idempotency_key text CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 200),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (hromada_id, registration_number),
  CHECK (status <> 'refused' OR length(trim(refusal_reason)) > 0),
  CHECK (status IN ('draft', 'submitted') OR status = 'withdrawn' OR registration_number IS NOT NULL)
);
CREATE UNIQUE INDEX applications_idempotency_idx ON applications (hromada_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX applications_queue_idx ON applications (hromada_id, status, deadline);
CREATE INDEX applications_district_idx ON applications (hromada_id, district_id);
CREATE INDEX applications_assignee_idx ON applications (hromada_id, assignee_id);
CREATE INDEX applications_service_idx ON applications (service_id);
CREATE INDEX applications_person_idx ON applications (person_id);

-- The timeline: every event (status change, assignment) with who and when.
CREATE TABLE application_history (
  id bigserial PRIMARY KEY,
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL REFERENCES applications(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid REFERENCES users(id),
  actor_label text NOT NULL,
  event text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX application_history_app_idx ON application_history (application_id, at, id);

CREATE TABLE application_document_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL REFERENCES applications(id),
  documents text[] NOT NULL CHECK (cardinality(documents) > 0),
  due_on date NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  requested_by uuid REFERENCES users(id),
  fulfilled_at timestamptz,
  fulfilled_by uuid REFERENCES users(id)
);
CREATE INDEX application_document_requests_app_idx ON application_document_requests (application_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['application_counters', 'applications', 'application_history', 'application_document_requests'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON application_counters, applications, application_document_requests TO {{app_role}};
-- The timeline is append-only for the application.
GRANT SELECT, INSERT ON application_history TO {{app_role}};
GRANT USAGE ON SEQUENCE application_history_id_seq TO {{app_role}};
