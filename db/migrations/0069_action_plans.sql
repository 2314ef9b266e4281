-- Action plans as data (issue 13 items 1–2, decision 0031): a hromada's plans and strategies, their strategic and
-- operational goals, tasks with executors from the hromada's directory of organisations, funding per source and year,
-- indicators with targets and actual values per period, dated progress notes with evidence files, and the history of
-- every change (who, when, before/after). No personal data: tenant rows under RLS all the same.

CREATE TABLE plan_organisations (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 500),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, name)
);

CREATE TABLE action_plans (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- The community's name as the document gives it (the exchange format's `hromada`).
  hromada_title text NOT NULL CHECK (length(trim(hromada_title)) BETWEEN 1 AND 300),
  title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 1000),
  approved_by text CHECK (approved_by IS NULL OR length(approved_by) <= 1000),
  act_number text CHECK (act_number IS NULL OR length(act_number) <= 100),
  act_date date,
  period_from int CHECK (period_from IS NULL OR period_from BETWEEN 1991 AND 2100),
  period_to int CHECK (period_to IS NULL OR period_to BETWEEN 1991 AND 2100),
  plan_values jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(plan_values) = 'array'),
  monitoring text,
  -- Goals the document declares apart from its table of measures, kept as given (exchange format `declared_goals`).
  declared_goals jsonb CHECK (declared_goals IS NULL OR jsonb_typeof(declared_goals) = 'array'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
);

-- Strategic goals (parent_id NULL) and operational goals (parent_id = a strategic goal) of a plan.
CREATE TABLE plan_goals (
  hromada_id int NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  plan_id bigint NOT NULL,
  parent_id bigint,
  position int NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 0 AND 50),
  title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 2000),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, plan_id) REFERENCES action_plans (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, parent_id) REFERENCES plan_goals (hromada_id, id) ON DELETE CASCADE
);
CREATE INDEX plan_goals_plan_idx ON plan_goals (hromada_id, plan_id, parent_id, position);

CREATE TABLE plan_tasks (
  hromada_id int NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  plan_id bigint NOT NULL,
  goal_id bigint NOT NULL,
  position int NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 0 AND 50),
  title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 4000),
  -- The period as written ('2021-2026 роки', 'ІV квартал 2025 року', 'Постійно') and, where it parses, its dates.
  period_text text,
  period_from date,
  period_to date,
  continuous boolean NOT NULL DEFAULT false,
  expected_result text,
  status text NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'done', 'overdue', 'cancelled')),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, plan_id, code),
  FOREIGN KEY (hromada_id, plan_id) REFERENCES action_plans (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, goal_id) REFERENCES plan_goals (hromada_id, id) ON DELETE CASCADE
);
CREATE INDEX plan_tasks_goal_idx ON plan_tasks (hromada_id, goal_id, position);

CREATE TABLE plan_task_executors (
  hromada_id int NOT NULL,
  task_id bigint NOT NULL,
  position int NOT NULL,
  organisation_id bigint NOT NULL,
  PRIMARY KEY (hromada_id, task_id, position),
  FOREIGN KEY (hromada_id, task_id) REFERENCES plan_tasks (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, organisation_id) REFERENCES plan_organisations (hromada_id, id)
);

-- Funding of a task: a source as the document writes it, its kind, and amounts per year (none when not known).
CREATE TABLE plan_task_funding (
  hromada_id int NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  task_id bigint NOT NULL,
  position int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('local', 'state', 'oblast', 'international', 'other')),
  source_text text NOT NULL CHECK (length(trim(source_text)) BETWEEN 1 AND 500),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, task_id, position),
  FOREIGN KEY (hromada_id, task_id) REFERENCES plan_tasks (hromada_id, id) ON DELETE CASCADE
);

CREATE TABLE plan_funding_amounts (
  hromada_id int NOT NULL,
  funding_id bigint NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 1991 AND 2100),
  planned numeric(14, 2) CHECK (planned IS NULL OR planned >= 0),
  actual numeric(14, 2) CHECK (actual IS NULL OR actual >= 0),
  PRIMARY KEY (hromada_id, funding_id, year),
  FOREIGN KEY (hromada_id, funding_id) REFERENCES plan_task_funding (hromada_id, id) ON DELETE CASCADE
);

CREATE TABLE plan_indicators (
  hromada_id int NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  task_id bigint NOT NULL,
  position int NOT NULL,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 1000),
  unit text CHECK (unit IS NULL OR length(unit) <= 100),
  baseline numeric(16, 2),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'computed')),
  -- A computed indicator's metric from the library and its parameters (the binding, later).
  metric_key text,
  metric_params jsonb,
  responsible text CHECK (responsible IS NULL OR length(responsible) <= 500),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, task_id, position),
  FOREIGN KEY (hromada_id, task_id) REFERENCES plan_tasks (hromada_id, id) ON DELETE CASCADE,
  CHECK ((source = 'computed') = (metric_key IS NOT NULL))
);

-- An indicator's target and actual value for a period (a year 'YYYY', a half-year 'YYYY-H1', a quarter 'YYYY-Q3').
CREATE TABLE plan_indicator_values (
  hromada_id int NOT NULL,
  indicator_id bigint NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-H[12]|-Q[1-4])?$'),
  target numeric(16, 2),
  actual numeric(16, 2),
  frozen_at timestamptz,
  frozen_by uuid REFERENCES users(id),
  updated_by uuid NOT NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, indicator_id, period),
  FOREIGN KEY (hromada_id, indicator_id) REFERENCES plan_indicators (hromada_id, id) ON DELETE CASCADE,
  CHECK ((frozen_at IS NULL) = (frozen_by IS NULL))
);

-- Dated progress notes on a task, with the status they set and an evidence file (stored like other uploads).
CREATE TABLE plan_task_notes (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  task_id bigint NOT NULL,
  noted_on date NOT NULL,
  body text NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 4000),
  status text CHECK (status IS NULL OR status IN ('not_started', 'in_progress', 'done', 'overdue', 'cancelled')),
  file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255),
  content_type text CHECK (content_type IS NULL OR content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size int CHECK (size IS NULL OR size > 0),
  sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  storage_key uuid,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, storage_key),
  FOREIGN KEY (hromada_id, task_id) REFERENCES plan_tasks (hromada_id, id) ON DELETE CASCADE,
  CHECK ((storage_key IS NULL) = (file_name IS NULL) AND (storage_key IS NULL) = (content_type IS NULL)
         AND (storage_key IS NULL) = (size IS NULL) AND (storage_key IS NULL) = (sha256 IS NULL))
);
CREATE INDEX plan_task_notes_task_idx ON plan_task_notes (hromada_id, task_id, noted_on DESC, created_at DESC);

-- Every change to a plan and what it holds: what changed, who, when, before and after.
CREATE TABLE plan_history (
  hromada_id int NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  plan_id bigint NOT NULL,
  task_id bigint,
  entity text NOT NULL CHECK (entity IN ('plan', 'task', 'indicator', 'value', 'funding', 'note')),
  entity_id text NOT NULL,
  change text NOT NULL CHECK (change IN ('import', 'update', 'add', 'freeze')),
  before jsonb,
  after jsonb,
  changed_by uuid NOT NULL REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, plan_id) REFERENCES action_plans (hromada_id, id) ON DELETE CASCADE
);
CREATE INDEX plan_history_plan_idx ON plan_history (hromada_id, plan_id, changed_at DESC);
CREATE INDEX plan_history_task_idx ON plan_history (hromada_id, task_id, changed_at DESC) WHERE task_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['plan_organisations', 'action_plans', 'plan_goals', 'plan_tasks', 'plan_task_executors',
    'plan_task_funding', 'plan_funding_amounts', 'plan_indicators', 'plan_indicator_values', 'plan_task_notes',
    'plan_history'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id())
      WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT ON plan_organisations, action_plans, plan_goals, plan_tasks, plan_task_executors,
  plan_task_funding, plan_funding_amounts, plan_indicators, plan_indicator_values, plan_task_notes,
  plan_history TO {{app_role}};
GRANT UPDATE ON action_plans, plan_tasks, plan_funding_amounts, plan_indicators, plan_indicator_values
  TO {{app_role}};
GRANT DELETE ON plan_funding_amounts TO {{app_role}};
