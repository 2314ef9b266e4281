-- Offices with their schedules and the booking of visits (issue 14 items 1–2, decision 0036).
--
-- An office is the front office (ЦНАП), a starosta office (in its district) or an outreach point. Its week has opening
-- hours per ISO weekday with an optional break; days off come from the hromada's working calendar. Each service the
-- office handles has a slot length and a number of seats (windows serving it at once). Staff of the office and their
-- absences: on a day the office has listed staff, a slot has no more seats than staff present.
--
-- Slots are computed, never stored. A booking takes one seat of one slot; the partial unique index on the seat makes a
-- double booking impossible whatever the interleaving of requests or the number of app processes: the insert tries
-- the free seats in order, and the loser of a race on the last seat gets «this time is gone».
CREATE TABLE offices (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 2 AND 200),
  kind text NOT NULL CHECK (kind IN ('front_office', 'starosta_office', 'outreach')),
  district_id int,
  address text CHECK (address IS NULL OR length(address) <= 300),
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, name),
  FOREIGN KEY (hromada_id, district_id) REFERENCES districts (hromada_id, id),
  CHECK (kind <> 'starosta_office' OR district_id IS NOT NULL)
);

CREATE TABLE office_hours (
  hromada_id int NOT NULL,
  office_id uuid NOT NULL,
  weekday int NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL,
  break_starts time,
  break_ends time,
  PRIMARY KEY (hromada_id, office_id, weekday),
  FOREIGN KEY (hromada_id, office_id) REFERENCES offices (hromada_id, id) ON DELETE CASCADE,
  CHECK (opens < closes),
  CHECK ((break_starts IS NULL) = (break_ends IS NULL)),
  CHECK (break_starts IS NULL OR (opens < break_starts AND break_starts < break_ends AND break_ends < closes))
);

CREATE TABLE office_services (
  hromada_id int NOT NULL,
  office_id uuid NOT NULL,
  service_id uuid NOT NULL,
  slot_minutes int NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  seats int NOT NULL CHECK (seats BETWEEN 1 AND 20),
  PRIMARY KEY (hromada_id, office_id, service_id),
  FOREIGN KEY (hromada_id, office_id) REFERENCES offices (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id)
);

CREATE TABLE office_staff (
  hromada_id int NOT NULL,
  office_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (hromada_id, office_id, user_id),
  FOREIGN KEY (hromada_id, office_id) REFERENCES offices (hromada_id, id) ON DELETE CASCADE
);

CREATE TABLE office_absences (
  hromada_id int NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  office_id uuid NOT NULL,
  user_id uuid NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  reason text CHECK (reason IS NULL OR length(reason) <= 200),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, office_id, user_id) REFERENCES office_staff (hromada_id, office_id, user_id) ON DELETE CASCADE,
  CHECK (starts_on <= ends_on)
);
CREATE INDEX office_absences_office_idx ON office_absences (hromada_id, office_id, ends_on);

CREATE TABLE appointments (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  office_id uuid NOT NULL,
  service_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  seat int NOT NULL CHECK (seat BETWEEN 1 AND 20),
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
  -- Where the booking was made: the resident's cabinet, the front office for a caller, a starosta, the API.
  channel text NOT NULL CHECK (channel IN ('online', 'front_office', 'starosta', 'api')),
  person_id uuid,
  -- The resident account that booked online (its e-mail and notifications); the contact of a caller without one.
  resident_user_id uuid REFERENCES users(id),
  contact_name text CHECK (contact_name IS NULL OR length(contact_name) BETWEEN 2 AND 200),
  contact_phone text CHECK (contact_phone IS NULL OR contact_phone ~ '^\+380[0-9]{9}$'),
  contact_email text CHECK (contact_email IS NULL OR length(contact_email) <= 254),
  note text CHECK (note IS NULL OR length(note) <= 500),
  -- The hash of the secret in the link of the confirmation message (cancel or move without signing in).
  manage_token_hash text,
  booked_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users(id),
  -- A moved booking is cancelled and points to its new one.
  moved_to uuid,
  application_id uuid,
  reminded_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, manage_token_hash),
  FOREIGN KEY (hromada_id, office_id) REFERENCES offices (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, application_id) REFERENCES applications (hromada_id, id),
  CHECK (ends_at > starts_at),
  CHECK (person_id IS NOT NULL OR resident_user_id IS NOT NULL OR contact_name IS NOT NULL),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
-- One live booking per seat of a slot: the constraint, not a check, prevents double booking.
CREATE UNIQUE INDEX appointments_seat_key ON appointments (hromada_id, office_id, service_id, starts_at, seat)
  WHERE status <> 'cancelled';
CREATE INDEX appointments_day_idx ON appointments (hromada_id, office_id, starts_at);
CREATE INDEX appointments_person_idx ON appointments (hromada_id, person_id, starts_at) WHERE person_id IS NOT NULL;
CREATE INDEX appointments_resident_idx ON appointments (resident_user_id, starts_at) WHERE resident_user_id IS NOT NULL;
CREATE INDEX appointments_phone_idx ON appointments (hromada_id, contact_phone, starts_at) WHERE contact_phone IS NOT NULL;
CREATE INDEX appointments_remind_idx ON appointments (starts_at) WHERE status = 'booked' AND reminded_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['offices', 'office_hours', 'office_services', 'office_staff', 'office_absences',
                           'appointments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id())
      WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON offices, office_hours, office_services, office_staff, office_absences, appointments
  TO {{app_role}};
GRANT DELETE ON office_hours, office_services, office_staff, office_absences TO {{app_role}};

-- Notifications of visits: not about an application (application_id stays NULL); an SMS number beside the e-mail.
ALTER TABLE notifications ADD COLUMN sms_to text;
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('registered', 'documents_requested', 'granted', 'refused', 'message', 'in_delivery', 'completed',
                  'appointment_booked', 'appointment_reminder', 'appointment_cancelled'));
DROP INDEX notifications_outbox_idx;
CREATE INDEX notifications_outbox_idx ON notifications (created_at)
  WHERE (email_to IS NOT NULL OR sms_to IS NOT NULL) AND emailed_at IS NULL;
DROP FUNCTION notification_outbox_claim(int);
CREATE FUNCTION notification_outbox_claim(lim int)
RETURNS TABLE (id uuid, email_to text, email_subject text, sms_to text, text text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  SELECT n.id, n.email_to, n.email_subject, n.sms_to, n.text FROM notifications n
  WHERE (n.email_to IS NOT NULL OR n.sms_to IS NOT NULL) AND n.emailed_at IS NULL
  ORDER BY n.created_at LIMIT lim FOR UPDATE SKIP LOCKED
$$;
CREATE OR REPLACE FUNCTION notification_outbox_done(ids uuid[])
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE notifications SET emailed_at = now(), email_to = NULL, sms_to = NULL WHERE id = ANY(ids) AND emailed_at IS NULL
$$;
REVOKE ALL ON FUNCTION notification_outbox_claim(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notification_outbox_claim(int) TO {{app_role}};
