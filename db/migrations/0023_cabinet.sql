-- Resident cabinet: links between resident accounts and registry persons, documents attached to
-- applications (tenant tables, RLS by hromada) and the resident's own document library (per account).

CREATE TABLE resident_persons (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES persons(id),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  -- The staff member who checked the ID document in person (their user id), or 'oidc'.
  verified_by text NOT NULL CHECK (verified_by = 'oidc' OR verified_by ~ '^[0-9a-f-]{36}$'),
  verified_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, person_id)
);
CREATE INDEX resident_persons_person_idx ON resident_persons (person_id);

-- A file given with an application (uploaded or taken from the resident's library): stored under
-- DATA_DIR/uploads/applications/<storage_key>, never in the web root.
CREATE TABLE application_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  application_id uuid NOT NULL REFERENCES applications(id),
  service_document_id uuid REFERENCES service_documents(id) ON DELETE SET NULL,
  requirement text NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size int NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key uuid NOT NULL UNIQUE,
  uploaded_by uuid REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_documents_app_idx ON application_documents (application_id);

ALTER TABLE resident_persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE resident_persons FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON resident_persons USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
ALTER TABLE application_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON application_documents USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, DELETE ON resident_persons TO {{app_role}};
GRANT SELECT, INSERT, DELETE ON application_documents TO {{app_role}};

-- The resident's own documents (upload once, reuse): they belong to the account, not to a hromada,
-- like users and user_identities; every query filters by user_id. Files: DATA_DIR/uploads/residents/.
CREATE TABLE resident_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size int NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resident_documents_user_idx ON resident_documents (user_id, created_at);
GRANT SELECT, INSERT, DELETE ON resident_documents TO {{app_role}};

-- The resident's persons before a tenant is chosen (the links are tenant rows).
CREATE FUNCTION resident_person_links(uid uuid)
RETURNS TABLE (person_id uuid, hromada_id int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT rp.person_id, rp.hromada_id
  FROM resident_persons rp JOIN hromadas h ON h.id = rp.hromada_id
  WHERE rp.user_id = uid AND h.active
  ORDER BY rp.verified_at, rp.person_id
$$;
-- Live persons with this keyed hash of a РНОКПП in any active hromada (automatic linking on OIDC sign-in).
CREATE FUNCTION persons_by_rnokpp_hash(hash text)
RETURNS TABLE (person_id uuid, hromada_id int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.id, p.hromada_id
  FROM persons p JOIN hromadas h ON h.id = p.hromada_id
  WHERE p.rnokpp_hash = hash AND p.merged_into IS NULL AND h.active
  LIMIT 2
$$;
REVOKE ALL ON FUNCTION resident_person_links(uuid), persons_by_rnokpp_hash(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION resident_person_links(uuid), persons_by_rnokpp_hash(text) TO {{app_role}};

-- What the resident answered in the online form: categories they say they belong to (informative)
-- and when they consented to the processing of their personal data.
CREATE TABLE online_application_forms (
  application_id uuid PRIMARY KEY REFERENCES applications(id),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  categories text[] NOT NULL DEFAULT '{}',
  consent_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE online_application_forms ENABLE ROW LEVEL SECURITY;
ALTER TABLE online_application_forms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON online_application_forms USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON online_application_forms TO {{app_role}};
