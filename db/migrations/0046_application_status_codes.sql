-- The receipt's check code: with the registration number it lets anyone holding the receipt see
-- the state of the application on the public page /status (service, status, dates of status
-- changes, deadline; no personal data). The code is made when the receipt is first printed; only
-- its keyed hash is used for lookup, and it is kept sealed (encrypted) so a receipt printed again
-- shows the same code. The registration number is copied here (it never changes once given) so
-- the cross-hromada lookup reads this table only.
-- Keys lead with hromada_id (decision 0011); applications' UNIQUE (hromada_id, id) comes from 0043.
CREATE TABLE application_status_codes (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL,
  registration_number text NOT NULL,
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  code_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, application_id),
  FOREIGN KEY (hromada_id, application_id) REFERENCES applications (hromada_id, id),
  FOREIGN KEY (hromada_id, registration_number) REFERENCES applications (hromada_id, registration_number)
);
CREATE INDEX application_status_codes_lookup_idx ON application_status_codes (registration_number, code_hash);
ALTER TABLE application_status_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_status_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON application_status_codes USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
-- The lookup function below runs as the owner, which RLS also binds (FORCE): it reads across hromadas.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON application_status_codes TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
REVOKE ALL ON application_status_codes FROM {{app_role}};
GRANT SELECT, INSERT ON application_status_codes TO {{app_role}};
-- `npm run keys:rotate` re-seals the code under the current key; the hash and the rest stay read-only.
GRANT UPDATE (code_sealed) ON application_status_codes TO {{app_role}};

-- The public page does not know the hromada: the application whose registration number and code
-- hash both match, in an active hromada (only its ids; the page then reads under RLS).
CREATE FUNCTION application_status_lookup(reg_number text, hash text)
RETURNS TABLE (hromada_id int, application_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.hromada_id, s.application_id
  FROM application_status_codes s JOIN hromadas h ON h.id = s.hromada_id
  WHERE s.registration_number = reg_number AND s.code_hash = hash AND h.active
  LIMIT 1
$$;
REVOKE ALL ON FUNCTION application_status_lookup(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION application_status_lookup(text, text) TO {{app_role}};
