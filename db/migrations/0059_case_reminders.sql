-- E-mail reminders of case deadlines (issue 11 item 3): a plan review or a team task falling due within a few days,
-- and once more when it is overdue. One row per item, due day and stage: a reminder is sent once, and a new due day
-- (a review done, a task moved) is reminded again.
CREATE TABLE case_reminders (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  kind text NOT NULL CHECK (kind IN ('review', 'task')),
  item_id uuid NOT NULL,
  due_on date NOT NULL,
  stage text NOT NULL CHECK (stage IN ('soon', 'overdue')),
  user_id uuid NOT NULL REFERENCES users(id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, kind, item_id, due_on, stage)
);
ALTER TABLE case_reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON case_reminders USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT ON case_reminders TO {{app_role}};
