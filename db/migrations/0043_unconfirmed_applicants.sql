-- A resident who registered with an e-mail (no registry link yet) may apply online: the
-- application is registered with «особу не підтверджено» (person_id NULL), filed by the resident's
-- account (applicant_user_id), with the applicant's data as the resident typed it (name, birth
-- date, РНОКПП sealed with a keyed hash for matching, phone). A worker links a registry person
-- (an existing one or one just added) while processing; until then no decision can be taken.
ALTER TABLE applications ALTER COLUMN person_id DROP NOT NULL;
ALTER TABLE applications ADD COLUMN applicant_user_id uuid REFERENCES users(id);
ALTER TABLE applications ADD CONSTRAINT applications_person_or_applicant
  CHECK (person_id IS NOT NULL OR (channel = 'online' AND applicant_user_id IS NOT NULL));
ALTER TABLE applications ADD CONSTRAINT applications_hromada_id_id_key UNIQUE (hromada_id, id);
CREATE INDEX applications_applicant_idx ON applications (applicant_user_id) WHERE applicant_user_id IS NOT NULL;
CREATE INDEX applications_unconfirmed_idx ON applications (hromada_id, created_at) WHERE person_id IS NULL;

CREATE TABLE application_applicants (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL,
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  patronymic text CHECK (patronymic IS NULL OR length(patronymic) BETWEEN 1 AND 100),
  birth_date date NOT NULL,
  -- Encrypted (secret box) and keyed hash, like persons.rnokpp_*; NULL when the resident has none.
  rnokpp_sealed text,
  rnokpp_hash text,
  phone text CHECK (phone IS NULL OR phone ~ '^\+380[0-9]{9}$'),
  -- When and by whom a registry person was linked to the application.
  linked_at timestamptz,
  linked_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, application_id),
  FOREIGN KEY (hromada_id, application_id) REFERENCES applications (hromada_id, id),
  CHECK ((rnokpp_sealed IS NULL) = (rnokpp_hash IS NULL))
);
ALTER TABLE application_applicants ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_applicants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON application_applicants USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON application_applicants TO {{app_role}};

-- The hromadas where a resident account filed applications itself (before a tenant is chosen).
CREATE FUNCTION resident_applicant_hromadas(uid uuid)
RETURNS TABLE (hromada_id int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT a.hromada_id FROM applications a JOIN hromadas h ON h.id = a.hromada_id
  WHERE a.applicant_user_id = uid AND h.active
$$;
REVOKE ALL ON FUNCTION resident_applicant_hromadas(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION resident_applicant_hromadas(uuid) TO {{app_role}};

-- Consents: how one was given (a signed paper at the office, or ticked in the online form) and,
-- for the online form, the application it came with (one consent per application).
ALTER TABLE consents ADD COLUMN channel text NOT NULL DEFAULT 'paper' CHECK (channel IN ('paper', 'online'));
ALTER TABLE consents ADD COLUMN application_id uuid;
ALTER TABLE consents ADD CONSTRAINT consents_application_fk
  FOREIGN KEY (hromada_id, application_id) REFERENCES applications (hromada_id, id);
CREATE UNIQUE INDEX consents_application_idx ON consents (hromada_id, application_id) WHERE application_id IS NOT NULL;
