-- Decision documents (рішення про надання / відмову) with a public verification token, and
-- notifications to residents (in the cabinet and by e-mail through an outbox).

CREATE TABLE decision_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL REFERENCES applications(id),
  number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('granted', 'refused')),
  issued_at timestamptz NOT NULL DEFAULT now(),
  -- sha256 (hex) of the 128-bit verification token; the token itself only sealed (for the QR code).
  verification_hash text NOT NULL UNIQUE CHECK (verification_hash ~ '^[0-9a-f]{64}$'),
  verification_sealed text NOT NULL,
  revoked_at timestamptz,
  UNIQUE (hromada_id, number)
);
-- One valid decision per application.
CREATE UNIQUE INDEX decision_documents_current_idx ON decision_documents (application_id) WHERE revoked_at IS NULL;

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  -- The resident account of the person, when there is one (the cabinet shows these).
  user_id uuid REFERENCES users(id),
  application_id uuid REFERENCES applications(id),
  kind text NOT NULL CHECK (kind IN ('registered', 'documents_requested', 'granted', 'refused')),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  read_at timestamptz,
  -- Outbox of the e-mail: written in the same transaction as the event, handed to the mail queue
  -- after commit; the address is cleared once the message is queued.
  email_to text,
  email_subject text,
  emailed_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX notifications_application_idx ON notifications (application_id);
CREATE INDEX notifications_outbox_idx ON notifications (created_at) WHERE email_to IS NOT NULL AND emailed_at IS NULL;

ALTER TABLE decision_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE decision_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON decision_documents USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());

-- Staff see their hromada's notifications; a resident (no hromada in the transaction) sees and marks only their own.
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON notifications USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
CREATE POLICY own ON notifications FOR SELECT
  USING (user_id IS NOT NULL AND user_id = nullif(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY own_read ON notifications FOR UPDATE
  USING (user_id IS NOT NULL AND user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id IS NOT NULL AND user_id = nullif(current_setting('app.user_id', true), '')::uuid);

-- The functions below run as the owner, whom FORCE binds too (see 0011): an explicit owner policy.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON decision_documents TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY owner_all ON notifications TO %I USING (true) WITH CHECK (true)', current_user);
END $$;

-- The public verification page: by the token's hash only, and only what the page shows (no names).
CREATE FUNCTION decision_verify(hash text)
RETURNS TABLE (number text, kind text, issued_at timestamptz, revoked_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.number, d.kind, d.issued_at, d.revoked_at FROM decision_documents d WHERE d.verification_hash = hash
$$;

-- The mail outbox across hromadas: pending messages, locked for the calling transaction.
CREATE FUNCTION notification_outbox_claim(lim int)
RETURNS TABLE (id uuid, email_to text, email_subject text, text text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  SELECT n.id, n.email_to, n.email_subject, n.text FROM notifications n
  WHERE n.email_to IS NOT NULL AND n.emailed_at IS NULL
  ORDER BY n.created_at LIMIT lim FOR UPDATE SKIP LOCKED
$$;
CREATE FUNCTION notification_outbox_done(ids uuid[])
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE notifications SET emailed_at = now(), email_to = NULL WHERE id = ANY(ids) AND emailed_at IS NULL
$$;
REVOKE ALL ON FUNCTION decision_verify(text), notification_outbox_claim(int), notification_outbox_done(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION decision_verify(text), notification_outbox_claim(int), notification_outbox_done(uuid[]) TO {{app_role}};

-- Decisions are revoked, never deleted; notifications are marked read, never deleted.
REVOKE ALL ON decision_documents, notifications FROM {{app_role}};
GRANT SELECT, INSERT ON decision_documents TO {{app_role}};
GRANT UPDATE (revoked_at) ON decision_documents TO {{app_role}};
GRANT SELECT, INSERT ON notifications TO {{app_role}};
GRANT UPDATE (read_at) ON notifications TO {{app_role}};
