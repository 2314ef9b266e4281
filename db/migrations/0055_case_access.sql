-- Opening a restricted case (violence, child protection) asks for a reason each time (issue 11 item 7): the
-- reason given opens the case page to that member of its team for a short while. A manager outside the team
-- may «break the glass»: with a reason, audited, for a short while, reported to the case's supervisor.
CREATE TABLE case_access (
  hromada_id int NOT NULL,
  id bigserial NOT NULL,
  case_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('reason', 'break_glass')),
  reason text NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 2000),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id),
  CHECK (expires_at > granted_at)
);
CREATE INDEX case_access_idx ON case_access (hromada_id, case_id, user_id, expires_at DESC);
ALTER TABLE case_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_access FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON case_access USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT ON case_access TO {{app_role}};
GRANT USAGE ON SEQUENCE case_access_id_seq TO {{app_role}};
