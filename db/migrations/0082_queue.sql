-- The electronic queue at an office (issue 14 item 3, decision 0036): tickets of a day numbered per service letter
-- (`А-014`), taken at the kiosk page or issued by staff, with or without a booking; called to one of the office's
-- windows, recalled, served, marked as not come, or sent on to another window. The timestamps give the waiting and
-- service times per service and hour.
ALTER TABLE offices ADD COLUMN windows int NOT NULL DEFAULT 1 CHECK (windows BETWEEN 1 AND 50);
-- The letter of the service's tickets at this office (assigned when its first ticket is taken).
ALTER TABLE office_services ADD COLUMN ticket_letter text CHECK (ticket_letter IS NULL OR ticket_letter ~ '^[А-ЯІЇЄҐ]$');
CREATE UNIQUE INDEX office_services_letter_key ON office_services (hromada_id, office_id, ticket_letter)
  WHERE ticket_letter IS NOT NULL;

CREATE TABLE queue_tickets (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  office_id uuid NOT NULL,
  service_id uuid NOT NULL,
  day date NOT NULL,
  letter text NOT NULL,
  number int NOT NULL CHECK (number BETWEEN 1 AND 999),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called', 'serving', 'served', 'no_show')),
  -- The window calling or serving the ticket; for a waiting ticket sent on, the window it waits for.
  window_no int CHECK (window_no IS NULL OR window_no BETWEEN 1 AND 50),
  appointment_id uuid,
  source text NOT NULL CHECK (source IN ('kiosk', 'staff')),
  taken_at timestamptz NOT NULL DEFAULT now(),
  called_at timestamptz,
  calls int NOT NULL DEFAULT 0,
  serving_at timestamptz,
  done_at timestamptz,
  called_by uuid REFERENCES users(id),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, office_id, day, letter, number),
  FOREIGN KEY (hromada_id, office_id) REFERENCES offices (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id),
  FOREIGN KEY (hromada_id, appointment_id) REFERENCES appointments (hromada_id, id)
);
CREATE INDEX queue_tickets_day_idx ON queue_tickets (hromada_id, office_id, day, status, taken_at);
-- One ticket per booking.
CREATE UNIQUE INDEX queue_tickets_appointment_key ON queue_tickets (hromada_id, appointment_id)
  WHERE appointment_id IS NOT NULL;

ALTER TABLE queue_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE queue_tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON queue_tickets USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON queue_tickets TO {{app_role}};
