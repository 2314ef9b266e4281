-- Messages between a resident and the social-protection office about one application.
-- A message is never edited or deleted; only the read marks change. The author's own side is
-- read on writing (a resident's message starts read by the resident, a staff reply read by staff).

CREATE TABLE application_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL REFERENCES applications(id),
  author_kind text NOT NULL CHECK (author_kind IN ('resident', 'staff')),
  author_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  -- The hidden key of the form that sent the message: posting the same form twice adds nothing.
  idempotency_key uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  read_by_resident_at timestamptz,
  read_by_staff_at timestamptz,
  UNIQUE (application_id, idempotency_key)
);
CREATE INDEX application_messages_app_idx ON application_messages (application_id, created_at);
-- «Нові повідомлення» of the staff: residents' messages nobody in the office has read yet.
CREATE INDEX application_messages_staff_unread_idx ON application_messages (hromada_id, application_id)
  WHERE read_by_staff_at IS NULL;

ALTER TABLE application_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON application_messages USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT ON application_messages TO {{app_role}};
GRANT UPDATE (read_by_resident_at, read_by_staff_at) ON application_messages TO {{app_role}};

-- A new kind of notification: the office wrote to the resident (the text says only that, never the message).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('registered', 'documents_requested', 'granted', 'refused', 'message'));
