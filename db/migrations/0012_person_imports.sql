-- Imports of persons from CSV/XLSX files: one row per uploaded file (the file itself lives in
-- DATA_DIR/uploads, never in the database), and the per-row problems found while running it.
-- No personal data here: the original file name is not kept, issues hold a row number, a column
-- header and a message key.

CREATE TABLE person_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  created_by uuid NOT NULL REFERENCES users(id),
  file_sha256 text NOT NULL,
  file_size bigint NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding text CHECK (encoding IN ('utf8', 'cp1251')),
  delimiter text,
  header jsonb NOT NULL,
  mapping jsonb,
  confirm_similar boolean NOT NULL DEFAULT false,
  dry_run boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  failure text,
  total_rows int NOT NULL DEFAULT 0,
  processed_rows int NOT NULL DEFAULT 0,
  created_count int NOT NULL DEFAULT 0,
  duplicate_count int NOT NULL DEFAULT 0,
  invalid_count int NOT NULL DEFAULT 0,
  warning_count int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX person_imports_hromada_idx ON person_imports (hromada_id, created_at DESC);

CREATE TABLE person_import_issues (
  id bigserial PRIMARY KEY,
  hromada_id int NOT NULL REFERENCES hromadas(id),
  import_id uuid NOT NULL REFERENCES person_imports(id) ON DELETE CASCADE,
  row_no int NOT NULL,
  column_index int,
  column_name text,
  kind text NOT NULL CHECK (kind IN ('invalid', 'duplicate', 'warning')),
  message text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX person_import_issues_import_idx ON person_import_issues (import_id, row_no, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['person_imports', 'person_import_issues'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO {{app_role}}', t);
  END LOOP;
END $$;
GRANT USAGE, SELECT ON SEQUENCE person_import_issues_id_seq TO {{app_role}};
