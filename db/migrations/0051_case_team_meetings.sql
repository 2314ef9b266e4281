-- The multidisciplinary team of a case (issue 11 item 4): members from other agencies, on the platform
-- (an account: they see the case, a restricted one too) or as external contacts (a name, an organisation,
-- a phone — they see nothing), each with a role in the case; team meetings with date, participants,
-- decisions and tasks; a task stays on the case and in its assignee's list until done.
-- A member leaves the team by `removed_at` (the row stays: meetings and tasks still name them).
ALTER TABLE case_team DROP CONSTRAINT case_team_pkey;
ALTER TABLE case_team ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE case_team ADD PRIMARY KEY (hromada_id, id);
ALTER TABLE case_team ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE case_team
  ADD COLUMN agency_kind text NOT NULL DEFAULT 'social_service'
    CHECK (agency_kind IN ('social_service', 'children_service', 'education', 'health', 'police', 'ngo', 'provider', 'other')),
  ADD COLUMN case_role text CHECK (case_role IS NULL OR length(case_role) BETWEEN 1 AND 200),
  ADD COLUMN contact_name text CHECK (contact_name IS NULL OR length(contact_name) BETWEEN 1 AND 200),
  ADD COLUMN contact_org text CHECK (contact_org IS NULL OR length(contact_org) <= 200),
  ADD COLUMN contact_phone text CHECK (contact_phone IS NULL OR length(contact_phone) <= 40),
  ADD COLUMN contact_email text CHECK (contact_email IS NULL OR length(contact_email) <= 200),
  ADD COLUMN added_by uuid REFERENCES users(id),
  ADD COLUMN removed_at timestamptz,
  ADD COLUMN removed_by uuid REFERENCES users(id),
  ADD CONSTRAINT case_team_user_or_contact CHECK ((user_id IS NULL) <> (contact_name IS NULL)),
  ADD CONSTRAINT case_team_case_id_key UNIQUE (hromada_id, case_id, id);
-- An account is on a case's team at most once at a time.
CREATE UNIQUE INDEX case_team_member_key ON case_team (hromada_id, case_id, user_id)
  WHERE user_id IS NOT NULL AND removed_at IS NULL;
DROP INDEX case_team_user_idx;
CREATE INDEX case_team_user_idx ON case_team (hromada_id, user_id) WHERE removed_at IS NULL;
GRANT UPDATE ON case_team TO {{app_role}};

CREATE TABLE case_meetings (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  held_on date NOT NULL,
  decisions text NOT NULL CHECK (length(decisions) BETWEEN 1 AND 4000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, case_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id)
);
CREATE INDEX case_meetings_case_idx ON case_meetings (hromada_id, case_id, held_on DESC);

-- Who took part: members of the case's team.
CREATE TABLE case_meeting_participants (
  hromada_id int NOT NULL,
  case_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (hromada_id, meeting_id, member_id),
  FOREIGN KEY (hromada_id, case_id, meeting_id) REFERENCES case_meetings (hromada_id, case_id, id),
  FOREIGN KEY (hromada_id, case_id, member_id) REFERENCES case_team (hromada_id, case_id, id)
);

CREATE TABLE case_tasks (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  meeting_id uuid,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  assignee_id uuid NOT NULL,
  due_on date NOT NULL,
  done_on date,
  done_by uuid REFERENCES users(id),
  done_note text CHECK (done_note IS NULL OR length(done_note) <= 2000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id, meeting_id) REFERENCES case_meetings (hromada_id, case_id, id),
  FOREIGN KEY (hromada_id, case_id, assignee_id) REFERENCES case_team (hromada_id, case_id, id),
  CHECK ((done_on IS NULL) = (done_by IS NULL))
);
CREATE INDEX case_tasks_case_idx ON case_tasks (hromada_id, case_id, due_on);
CREATE INDEX case_tasks_open_idx ON case_tasks (hromada_id, assignee_id, due_on) WHERE done_on IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_meetings', 'case_meeting_participants', 'case_tasks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON case_meetings, case_meeting_participants TO {{app_role}};
GRANT SELECT, INSERT, UPDATE ON case_tasks TO {{app_role}};
