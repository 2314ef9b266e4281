-- Case management (ведення випадку, Law «Про соціальні послуги» art. 18–24): a case of a person or a
-- household, opened from a granted application or directly by a worker, with its manager, its team,
-- a status (open → assessment → plan → active → review → closed; reopening keeps the history), a
-- priority, an append-only timeline and typed case notes.
-- Keys lead with hromada_id (decision 0011); persons, households and districts get UNIQUE (hromada_id, id) so
-- the new tables' foreign keys carry the hromada on both sides.
ALTER TABLE persons ADD CONSTRAINT persons_hromada_id_id_key UNIQUE (hromada_id, id);
ALTER TABLE households ADD CONSTRAINT households_hromada_id_id_key UNIQUE (hromada_id, id);
ALTER TABLE districts ADD CONSTRAINT districts_hromada_id_id_key UNIQUE (hromada_id, id);

-- Case types: the shared list (hromada_id NULL) that a hromada's administrator extends with its own.
-- A restricted type (violence, child protection) makes its cases visible to their team only.
CREATE TABLE case_types (
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  hromada_id int REFERENCES hromadas(id),
  name_uk text NOT NULL,
  name_en text NOT NULL,
  restricted boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 100,
  UNIQUE NULLS NOT DISTINCT (hromada_id, code)
);
INSERT INTO case_types (code, hromada_id, name_uk, name_en, restricted, sort) VALUES
  ('older_disability', NULL, 'Особа похилого віку / особа з інвалідністю', 'Older person / person with disability', false, 10),
  ('family_sjo', NULL, 'Сім''я з дітьми у складних життєвих обставинах', 'Family with children in difficult life circumstances', false, 20),
  ('violence', NULL, 'Домашнє насильство / насильство за ознакою статі', 'Domestic or gender-based violence', true, 30),
  ('child_at_risk', NULL, 'Дитина в групі ризику', 'Child at risk', true, 40),
  ('early_intervention', NULL, 'Раннє втручання', 'Early intervention', false, 50),
  ('idp_support', NULL, 'Підтримка внутрішньо переміщених осіб', 'Support of internally displaced persons', false, 60),
  ('other', NULL, 'Інше', 'Other', false, 90);
ALTER TABLE case_types ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_types FORCE ROW LEVEL SECURITY;
CREATE POLICY shared_or_tenant ON case_types USING (hromada_id IS NULL OR hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON case_types TO {{app_role}};

-- The case number of the hromada's year: В-2026-000001 (a counter row locked while numbering).
CREATE TABLE case_counters (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last int NOT NULL DEFAULT 0,
  PRIMARY KEY (hromada_id, year)
);

CREATE TABLE cases (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number text NOT NULL,
  type_code text NOT NULL,
  -- Whose case: a person, or a household (its members at the time are on its card).
  person_id uuid,
  household_id uuid,
  -- Where it came from: a granted application (at most one case each).
  application_id uuid,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'assessment', 'plan', 'active', 'review', 'closed')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  manager_id uuid NOT NULL REFERENCES users(id),
  -- The starosta district of the person or household when the case opened (the reach of district roles).
  district_id int,
  -- Copied from the type when the case opens: only the team sees a restricted case (violence, child protection).
  restricted boolean NOT NULL DEFAULT false,
  opened_on date NOT NULL,
  closed_on date,
  close_reason text,
  version int NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, number),
  CHECK ((person_id IS NULL) <> (household_id IS NULL)),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, household_id) REFERENCES households (hromada_id, id),
  FOREIGN KEY (hromada_id, application_id) REFERENCES applications (hromada_id, id),
  FOREIGN KEY (hromada_id, district_id) REFERENCES districts (hromada_id, id)
);
CREATE UNIQUE INDEX cases_application_idx ON cases (hromada_id, application_id) WHERE application_id IS NOT NULL;
CREATE INDEX cases_person_idx ON cases (hromada_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX cases_household_idx ON cases (hromada_id, household_id) WHERE household_id IS NOT NULL;
CREATE INDEX cases_manager_idx ON cases (hromada_id, manager_id, status);
CREATE INDEX cases_status_idx ON cases (hromada_id, status, opened_on DESC);

-- The case's team on the platform: its manager, supervisors and members (the only ones who see a
-- restricted case). Members from other agencies without an account come later as contacts.
CREATE TABLE case_team (
  hromada_id int NOT NULL,
  case_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL CHECK (role IN ('manager', 'supervisor', 'member')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, case_id, user_id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE INDEX case_team_user_idx ON case_team (hromada_id, user_id);

-- Everything that happened to the case, append-only.
CREATE TABLE case_events (
  hromada_id int NOT NULL,
  id bigserial NOT NULL,
  case_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid REFERENCES users(id),
  actor_label text NOT NULL,
  event text NOT NULL,
  from_status text,
  to_status text,
  note text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE INDEX case_events_case_idx ON case_events (hromada_id, case_id, at, id);

-- Case notes: a visit, a call, a meeting or another contact, on the day it happened.
CREATE TABLE case_notes (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('visit', 'call', 'meeting', 'other')),
  happened_on date NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  author_id uuid NOT NULL REFERENCES users(id),
  author_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE INDEX case_notes_case_idx ON case_notes (hromada_id, case_id, happened_on DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_counters', 'cases', 'case_team', 'case_events', 'case_notes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON case_counters, cases TO {{app_role}};
GRANT SELECT, INSERT, DELETE ON case_team TO {{app_role}};
GRANT SELECT, INSERT ON case_events, case_notes TO {{app_role}};
GRANT USAGE ON SEQUENCE case_events_id_seq TO {{app_role}};
