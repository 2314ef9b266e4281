-- Hand-over of a granted application to a service provider (an agency) and the history of
-- services received. One assignment per application: a provider that declines is replaced on
-- the same row (re-assignment); every change is kept in service_assignment_history.
-- Status: assigned → accepted → in_progress → completed, or declined (with a reason).

CREATE TABLE service_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  service_id uuid NOT NULL REFERENCES services(id),
  agency_id int NOT NULL REFERENCES agencies(id),
  status text NOT NULL CHECK (status IN ('assigned', 'accepted', 'in_progress', 'completed', 'declined')),
  decline_reason text CHECK (decline_reason IS NULL OR length(decline_reason) <= 2000),
  started_on date,
  completed_on date,
  -- The office's notes for the provider, and the provider's note when the service was completed.
  notes text CHECK (notes IS NULL OR length(notes) <= 2000),
  completion_note text CHECK (completion_note IS NULL OR length(completion_note) <= 2000),
  -- When the current provider was assigned (a re-assignment renews it).
  assigned_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (status <> 'declined' OR length(trim(decline_reason)) > 0),
  CHECK (status NOT IN ('in_progress', 'completed') OR started_on IS NOT NULL),
  CHECK (status <> 'completed' OR completed_on IS NOT NULL),
  CHECK (completed_on IS NULL OR completed_on >= started_on)
);
CREATE INDEX service_assignments_agency_idx ON service_assignments (hromada_id, agency_id, status, assigned_at DESC);
CREATE INDEX service_assignments_list_idx ON service_assignments (hromada_id, status, assigned_at DESC);
CREATE INDEX service_assignments_person_idx ON service_assignments (person_id);

-- Every change of an assignment (assignment, re-assignment, accept, decline, start, complete) with who and when.
CREATE TABLE service_assignment_history (
  id bigserial PRIMARY KEY,
  hromada_id int NOT NULL REFERENCES hromadas(id),
  assignment_id uuid NOT NULL REFERENCES service_assignments(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid REFERENCES users(id),
  actor_label text NOT NULL,
  event text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  agency_id int REFERENCES agencies(id),
  note text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX service_assignment_history_idx ON service_assignment_history (assignment_id, at, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_assignments', 'service_assignment_history'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON service_assignments TO {{app_role}};
-- The history is append-only for the application.
GRANT SELECT, INSERT ON service_assignment_history TO {{app_role}};
GRANT USAGE ON SEQUENCE service_assignment_history_id_seq TO {{app_role}};
