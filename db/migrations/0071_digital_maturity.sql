-- The yearly self-assessment of the digital maturity of the hromada's social institutions (issue 13 item 8,
-- decision 0034): a questionnaire per hromada (questions by domain, editable; a question is switched off, never
-- deleted, so earlier years keep their answers), and per institution and year an assessment with a score 0–4 per
-- question. Scores by domain are the mean of the answered questions as a share of 4.
CREATE TABLE maturity_questions (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  domain text NOT NULL CHECK (domain IN ('governance', 'infrastructure', 'services', 'data', 'skills', 'security')),
  text text NOT NULL CHECK (length(trim(text)) BETWEEN 3 AND 500),
  position int NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id)
);
CREATE INDEX maturity_questions_domain_idx ON maturity_questions (hromada_id, domain, position);

CREATE TABLE maturity_assessments (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_id int NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid REFERENCES users(id),
  submitted_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, agency_id, year),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);

CREATE TABLE maturity_answers (
  hromada_id int NOT NULL,
  assessment_id uuid NOT NULL,
  question_id bigint NOT NULL,
  score int NOT NULL CHECK (score BETWEEN 0 AND 4),
  comment text CHECK (comment IS NULL OR length(comment) <= 1000),
  PRIMARY KEY (hromada_id, assessment_id, question_id),
  FOREIGN KEY (hromada_id, assessment_id) REFERENCES maturity_assessments (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, question_id) REFERENCES maturity_questions (hromada_id, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['maturity_questions', 'maturity_assessments', 'maturity_answers'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id())
      WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON maturity_questions, maturity_assessments, maturity_answers TO {{app_role}};
GRANT DELETE ON maturity_answers TO {{app_role}};
