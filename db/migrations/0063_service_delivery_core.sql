-- Service delivery, the core shared by contracts, service acts and paid services (issue 12, decision 0026).
-- Contracts with recipients (art. 22 of the Law «Про соціальні послуги»): one per provider and person covering all
-- the provider's services to that person, with each service's monthly volume and cost; the individual plan of the
-- case it rests on is part of it. Service acts: who delivered which assigned service to whom, when, how long, where,
-- and who confirmed it. A monthly volume may also stand on a plan's service item.

-- Assignments get UNIQUE (hromada_id, id) so the acts' foreign key carries the hromada (decision 0011).
ALTER TABLE service_assignments ADD CONSTRAINT service_assignments_hromada_id_id_key UNIQUE (hromada_id, id);

-- The unit a service's volume, tariff and acts are counted in: hours (the acts' minutes), visits (one per act)
-- or days (one per day with an act, e.g. a day centre or residential care).
ALTER TABLE case_plan_items
  ADD COLUMN volume_per_month numeric(8, 2) CHECK (volume_per_month > 0),
  ADD COLUMN volume_unit text CHECK (volume_unit IN ('hour', 'visit', 'day')),
  ADD CONSTRAINT case_plan_items_volume_check CHECK ((volume_per_month IS NULL) = (volume_unit IS NULL)),
  ADD CONSTRAINT case_plan_items_volume_service CHECK (kind = 'service' OR volume_per_month IS NULL);

CREATE TABLE recipient_contracts (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_id int NOT NULL,
  person_id uuid NOT NULL,
  -- The case whose individual plan is part of the contract (none for a contract made without a case).
  case_id uuid,
  number text NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 50),
  form text NOT NULL CHECK (form IN ('electronic', 'paper')),
  signed_on date NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated')),
  terminated_on date,
  termination_reason text CHECK (termination_reason IS NULL OR length(termination_reason) <= 2000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  CHECK (ends_on >= starts_on),
  CHECK ((status = 'terminated') = (terminated_on IS NOT NULL)),
  CHECK (status <> 'terminated' OR length(trim(termination_reason)) > 0),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE UNIQUE INDEX recipient_contracts_number_idx ON recipient_contracts (hromada_id, agency_id, number);
CREATE INDEX recipient_contracts_person_idx ON recipient_contracts (hromada_id, person_id, starts_on);
CREATE INDEX recipient_contracts_ends_idx ON recipient_contracts (hromada_id, ends_on) WHERE status = 'active';
CREATE INDEX recipient_contracts_agency_idx ON recipient_contracts (hromada_id, agency_id, ends_on);

CREATE TABLE recipient_contract_services (
  hromada_id int NOT NULL,
  contract_id uuid NOT NULL,
  service_id uuid NOT NULL,
  volume_per_month numeric(8, 2) NOT NULL CHECK (volume_per_month > 0),
  volume_unit text NOT NULL CHECK (volume_unit IN ('hour', 'visit', 'day')),
  -- The monthly cost to the recipient agreed in the contract (0 for a free service), in hryvnias.
  monthly_cost numeric(12, 2) NOT NULL DEFAULT 0 CHECK (monthly_cost >= 0),
  PRIMARY KEY (hromada_id, contract_id, service_id),
  FOREIGN KEY (hromada_id, contract_id) REFERENCES recipient_contracts (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id)
);

CREATE TABLE service_acts (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL,
  -- Copied from the assignment when the act is written, so a month of a person, provider or service is one index.
  person_id uuid NOT NULL,
  service_id uuid NOT NULL,
  agency_id int NOT NULL,
  -- The provider's staff member who delivered it.
  worker_id uuid NOT NULL REFERENCES users(id),
  act_date date NOT NULL,
  -- When the visit began, if known: acts of one worker with times may not overlap.
  starts_at time,
  minutes int NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  place text NOT NULL CHECK (place IN ('home', 'day_centre', 'residential', 'remote')),
  -- The recipient signed (on paper, scanned) or the worker confirmed it, saying why the recipient could not sign.
  confirmed_by text NOT NULL CHECK (confirmed_by IN ('recipient', 'worker')),
  confirm_reason text CHECK (confirm_reason IS NULL OR length(confirm_reason) <= 500),
  signature_key uuid,
  signature_type text CHECK (signature_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  note text CHECK (note IS NULL OR length(note) <= 1000),
  -- A mistaken act is cancelled with a reason, never deleted: an invoice may already count it.
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users(id),
  cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 500),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  CHECK (confirmed_by <> 'worker' OR length(trim(confirm_reason)) > 0),
  CHECK ((signature_key IS NULL) = (signature_type IS NULL)),
  CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL)),
  FOREIGN KEY (hromada_id, assignment_id) REFERENCES service_assignments (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id)
);
CREATE UNIQUE INDEX service_acts_signature_idx ON service_acts (hromada_id, signature_key) WHERE signature_key IS NOT NULL;
CREATE INDEX service_acts_agency_idx ON service_acts (hromada_id, agency_id, act_date) WHERE cancelled_at IS NULL;
CREATE INDEX service_acts_person_idx ON service_acts (hromada_id, person_id, act_date) WHERE cancelled_at IS NULL;
CREATE INDEX service_acts_worker_idx ON service_acts (hromada_id, worker_id, act_date) WHERE cancelled_at IS NULL;
CREATE INDEX service_acts_assignment_idx ON service_acts (hromada_id, assignment_id, act_date);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['recipient_contracts', 'recipient_contract_services', 'service_acts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON recipient_contracts, service_acts TO {{app_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON recipient_contract_services TO {{app_role}};
