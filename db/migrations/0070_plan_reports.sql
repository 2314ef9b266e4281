-- Monitoring reports of an action plan (issue 13 item 5, decision 0033): a semi-annual or annual report asked for by a
-- manager, generated in the background with its progress, kept with the date and the figures it froze (jsonb) and its
-- PDF and XLSX. A report is never changed after it is done; a new one is asked for instead.
CREATE TABLE plan_reports (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('semiannual', 'annual')),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-H[12])?$'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  step text,
  figures jsonb,
  frozen int NOT NULL DEFAULT 0,
  pdf bytea,
  xlsx bytea,
  failure text,
  requested_by uuid NOT NULL REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, plan_id) REFERENCES action_plans (hromada_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'annual') = (period !~ '-H')),
  CHECK (status <> 'done' OR (figures IS NOT NULL AND pdf IS NOT NULL AND xlsx IS NOT NULL AND finished_at IS NOT NULL))
);
CREATE INDEX plan_reports_plan_idx ON plan_reports (hromada_id, plan_id, requested_at DESC);

ALTER TABLE plan_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON plan_reports USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON plan_reports TO {{app_role}};
