-- Family forms of care (сімейні форми виховання, issue 11 item 10, decision 0024): foster families (прийомні
-- сім'ї), family-type children's homes (ДБСТ), patronat families and guardians, and the candidates for them — as
-- registry households with a form and a stage; the children placed with them, each placement with its own case; the
-- visits and yearly reviews of each placement. Keys lead with hromada_id (decision 0011).

-- The case type of a placed child (shared by every hromada; not restricted: the family's address is known to the
-- children's service and the social workers who support it).
-- A shared row (hromada_id NULL) passes no tenant's policy: the owner writes it with the policy lifted for this
-- statement only (on a server where the owner is no superuser, FORCE would apply the policy to it too).
ALTER TABLE case_types NO FORCE ROW LEVEL SECURITY;
INSERT INTO case_types (code, hromada_id, name_uk, name_en, restricted, sort) VALUES
  ('family_care', NULL, 'Дитина в сімейній формі виховання', 'Child in family-based care', false, 45);
ALTER TABLE case_types FORCE ROW LEVEL SECURITY;

-- A household registered as a family form of care. It starts as candidates: their training (course, hours, the day
-- it was completed, certificate), the assessment of the family (day, conclusion) and the decision of the
-- guardianship body (day, number, who decided, approved or refused). Approved, it is active and children may be
-- placed with it up to its capacity; it closes with a reason when no child is placed with it any more (candidates
-- who withdraw are closed too).
CREATE TABLE care_families (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  household_id uuid NOT NULL,
  form text NOT NULL CHECK (form IN ('foster', 'family_home', 'patronat', 'guardian')),
  stage text NOT NULL DEFAULT 'candidate' CHECK (stage IN ('candidate', 'active', 'refused', 'closed')),
  capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 10),
  note text CHECK (length(note) <= 2000),
  training_course text CHECK (length(training_course) <= 300),
  training_hours int CHECK (training_hours BETWEEN 1 AND 1000),
  trained_on date,
  certificate text CHECK (length(certificate) <= 100),
  assessed_on date,
  assessment text CHECK (assessment IN ('positive', 'negative')),
  assessment_note text CHECK (length(assessment_note) <= 2000),
  decided_on date,
  decision text CHECK (decision IN ('approved', 'refused')),
  decision_number text CHECK (length(decision_number) <= 100),
  decision_body text CHECK (length(decision_body) <= 300),
  closed_on date,
  close_reason text CHECK (length(close_reason) <= 2000),
  version int NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, household_id),
  FOREIGN KEY (hromada_id, household_id) REFERENCES households (hromada_id, id),
  CHECK ((trained_on IS NULL) = (training_course IS NULL)),
  CHECK ((assessed_on IS NULL) = (assessment IS NULL)),
  CHECK ((decided_on IS NULL) = (decision IS NULL)),
  -- A candidate has no decision yet; an active family was approved; candidates who withdraw are closed undecided.
  CHECK (stage <> 'candidate' OR decision IS NULL),
  CHECK (stage <> 'active' OR decision = 'approved'),
  CHECK (stage <> 'refused' OR decision = 'refused'),
  CHECK ((stage = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX care_families_list_idx ON care_families (hromada_id, stage, form);

-- A child placed with a family: from the day and on the basis of a decision (its number), with the case opened for
-- the child; a patronat placement has a term (three months, extendable to six); it ends on a day with a reason.
CREATE TABLE care_placements (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  child_id uuid NOT NULL,
  case_id uuid NOT NULL,
  placed_on date NOT NULL,
  basis text NOT NULL CHECK (length(basis) BETWEEN 1 AND 200),
  until_on date,
  extended_reason text CHECK (length(extended_reason) <= 2000),
  ended_on date,
  end_reason text CHECK (end_reason IN ('family_return', 'adoption', 'guardianship', 'other_family', 'institution', 'adult', 'other')),
  end_note text CHECK (length(end_note) <= 2000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, household_id) REFERENCES care_families (hromada_id, household_id),
  FOREIGN KEY (hromada_id, child_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= placed_on),
  CHECK (until_on IS NULL OR until_on > placed_on)
);
-- A child lives in one family form at a time.
CREATE UNIQUE INDEX care_placements_current_child_idx ON care_placements (hromada_id, child_id) WHERE ended_on IS NULL;
CREATE INDEX care_placements_family_idx ON care_placements (hromada_id, household_id, placed_on);
CREATE UNIQUE INDEX care_placements_case_idx ON care_placements (hromada_id, case_id);

-- Visits to a placed child and the yearly reviews (оцінка стану утримання, виховання й розвитку дитини).
CREATE TABLE care_visits (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('visit', 'review')),
  held_on date NOT NULL,
  findings text NOT NULL CHECK (length(findings) BETWEEN 1 AND 4000),
  conclusion text CHECK (conclusion IN ('continue', 'support', 'end')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, placement_id) REFERENCES care_placements (hromada_id, id),
  CHECK ((kind = 'review') = (conclusion IS NOT NULL))
);
CREATE INDEX care_visits_placement_idx ON care_visits (hromada_id, placement_id, kind, held_on DESC);

-- A hromada's intervals of visits and reviews in days. No row: the defaults in code (care-rules.ts).
CREATE TABLE care_settings (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  visit_days int NOT NULL CHECK (visit_days BETWEEN 1 AND 730),
  patronat_visit_days int NOT NULL CHECK (patronat_visit_days BETWEEN 1 AND 730),
  review_days int NOT NULL CHECK (review_days BETWEEN 1 AND 730),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['care_families', 'care_placements', 'care_visits', 'care_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON care_families, care_placements, care_settings TO {{app_role}};
GRANT SELECT, INSERT ON care_visits TO {{app_role}};
