-- The individual plan of a case (Law «Про соціальні послуги» art. 20–22; decision 0019): goals, actions and
-- catalogue services with who is responsible and by when, the person's own words and their agreement (date and
-- channel), the next review; versioned for optimistic concurrency, every saved version kept as a snapshot.
-- A supervisor approves the plan (or returns it with a comment) before the case goes active, and approves closure.
-- A service item of an approved plan becomes an assignment to its provider through the existing hand-over.
-- Keys lead with hromada_id (decision 0011).

-- services and agencies get UNIQUE (hromada_id, id) so the foreign keys carry the hromada (another migration of
-- this issue may add the same: added only when missing).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'services_hromada_id_id_key') THEN
    ALTER TABLE services ADD CONSTRAINT services_hromada_id_id_key UNIQUE (hromada_id, id);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'agencies_hromada_id_id_key') THEN
    ALTER TABLE agencies ADD CONSTRAINT agencies_hromada_id_id_key UNIQUE (hromada_id, id);
  END IF;
END $$;

-- One plan per case. status: draft (being written), submitted (waiting for the supervisor), approved, returned
-- (with the supervisor's comment). Any saved change makes an approved or submitted plan a draft again.
CREATE TABLE case_plans (
  hromada_id int NOT NULL,
  case_id uuid NOT NULL,
  version int NOT NULL DEFAULT 1,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  -- The person's own words about what they want, and that they saw and agreed to the plan: when and how.
  person_words text CHECK (person_words IS NULL OR length(person_words) <= 4000),
  agreed_on date,
  agreed_channel text CHECK (agreed_channel IN ('in_person', 'phone', 'online', 'paper')),
  -- The next scheduled review of the plan, and the interval after which the following one falls.
  review_on date,
  review_interval_days int CHECK (review_interval_days BETWEEN 1 AND 366),
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id),
  return_comment text CHECK (return_comment IS NULL OR length(return_comment) <= 2000),
  approved_version int,
  updated_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, case_id),
  CHECK ((agreed_on IS NULL) = (agreed_channel IS NULL)),
  CHECK (status <> 'returned' OR length(trim(return_comment)) > 0),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE INDEX case_plans_review_idx ON case_plans (hromada_id, review_on) WHERE review_on IS NOT NULL;
CREATE INDEX case_plans_status_idx ON case_plans (hromada_id, status) WHERE status = 'submitted';

-- The plan's items: a goal, an action, or a catalogue service (with its provider and term: the contract ends on
-- ends_on). The responsible person is a staff user or a free text (a relative, a school). An item taken from the
-- granted application the case opened from keeps its application_id: the application's hand-over is its assignment.
CREATE TABLE case_plan_items (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  position int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('goal', 'action', 'service')),
  text text CHECK (text IS NULL OR length(text) <= 2000),
  service_id uuid,
  agency_id int,
  starts_on date,
  ends_on date,
  responsible_user_id uuid REFERENCES users(id),
  responsible_text text CHECK (responsible_text IS NULL OR length(responsible_text) <= 200),
  due_on date,
  application_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  CHECK ((kind = 'service') = (service_id IS NOT NULL)),
  CHECK (kind = 'service' OR (agency_id IS NULL AND starts_on IS NULL AND ends_on IS NULL)),
  CHECK (kind = 'service' OR length(trim(text)) > 0),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  CHECK (responsible_user_id IS NULL OR responsible_text IS NULL),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, application_id) REFERENCES applications (hromada_id, id)
);
CREATE INDEX case_plan_items_case_idx ON case_plan_items (hromada_id, case_id, position);

-- Every saved version of a plan as it was (items included), so an approval names what it approved.
CREATE TABLE case_plan_versions (
  hromada_id int NOT NULL,
  case_id uuid NOT NULL,
  version int NOT NULL,
  snapshot jsonb NOT NULL,
  saved_by uuid NOT NULL REFERENCES users(id),
  saved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, case_id, version),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);

-- Scheduled reviews done: when, what was found, and the outcome.
CREATE TABLE case_reviews (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  reviewed_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('continue', 'change_plan', 'close')),
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
  next_review_on date,
  author_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE INDEX case_reviews_case_idx ON case_reviews (hromada_id, case_id, reviewed_on DESC);

-- Closure needs the supervisor's approval: the worker's request (with the reason) waits on the case.
ALTER TABLE cases
  ADD COLUMN closure_requested_at timestamptz,
  ADD COLUMN closure_requested_by uuid REFERENCES users(id),
  ADD COLUMN closure_request_reason text CHECK (closure_request_reason IS NULL OR length(closure_request_reason) <= 2000),
  ADD CONSTRAINT cases_closure_request_check CHECK ((closure_requested_at IS NULL) = (closure_request_reason IS NULL));

-- An assignment comes from a granted application or from a service item of a case's plan: exactly one.
ALTER TABLE service_assignments
  ALTER COLUMN application_id DROP NOT NULL,
  ADD COLUMN case_id uuid,
  ADD COLUMN plan_item_id uuid,
  ADD CONSTRAINT service_assignments_one_source CHECK (
    (application_id IS NULL) <> (plan_item_id IS NULL) AND (plan_item_id IS NULL) = (case_id IS NULL)),
  ADD CONSTRAINT service_assignments_case_fkey FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id),
  ADD CONSTRAINT service_assignments_plan_item_fkey FOREIGN KEY (hromada_id, plan_item_id)
    REFERENCES case_plan_items (hromada_id, id);
CREATE UNIQUE INDEX service_assignments_plan_item_idx ON service_assignments (hromada_id, plan_item_id)
  WHERE plan_item_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_plans', 'case_plan_items', 'case_plan_versions', 'case_reviews'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON case_plans, case_plan_items TO {{app_role}};
GRANT DELETE ON case_plan_items TO {{app_role}};
GRANT SELECT, INSERT ON case_plan_versions, case_reviews TO {{app_role}};
