-- Provider registry (issue 12 item 1, decision 0025). A provider is the hromada's agency row, extended: the agencies
-- keep their ids and every link (grants, assignments, service_providers, cases, signals). A legal entity serving
-- several hromadas under an inter-municipal agreement is registered in each of them as that hromada's own row.
ALTER TABLE agencies
  -- Form of ownership: communal institution, громадська організація, благодійна організація, приватне підприємство,
  -- ФОП. Today's agencies (the council's departments and communal institutions) are communal.
  ADD COLUMN ownership text NOT NULL DEFAULT 'communal'
    CHECK (ownership IN ('communal', 'ngo', 'charity', 'private', 'fop')),
  -- ЄДРПОУ (8 digits) of a legal entity, РНОКПП (10 digits) of a ФОП; their check digits are checked by the app.
  ADD COLUMN code text,
  ADD COLUMN address text,
  ADD COLUMN phone text,
  ADD COLUMN email text,
  -- Licence or entry in the register of providers of social services, as text.
  ADD COLUMN licence text,
  ADD COLUMN places int CHECK (places >= 0),
  ADD COLUMN hours_per_month int CHECK (hours_per_month >= 0),
  ADD COLUMN staff_count int CHECK (staff_count >= 0),
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  -- A provider whose home is another hromada: the inter-municipal agreement it serves this hromada under.
  ADD COLUMN agreement_number text,
  ADD COLUMN agreement_date date,
  ADD COLUMN updated_at timestamptz,
  ADD COLUMN updated_by uuid REFERENCES users(id),
  ADD CONSTRAINT agencies_code_form CHECK (
    code IS NULL OR (ownership = 'fop' AND code ~ '^[0-9]{10}$') OR (ownership <> 'fop' AND code ~ '^[0-9]{8}$'));

-- One code once per hromada; the same legal entity may be registered in several hromadas.
CREATE UNIQUE INDEX agencies_code_idx ON agencies (hromada_id, code) WHERE code IS NOT NULL;

-- What each provider delivers and where: agency × catalogue service × setting. The catalogue's own list of a
-- service's providers (service_providers, edited with the service's card) stays as it is.
CREATE TABLE provider_services (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  agency_id int NOT NULL,
  service_id uuid NOT NULL,
  setting text NOT NULL CHECK (setting IN ('home', 'day_centre', 'residential', 'remote')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (hromada_id, agency_id, service_id, setting),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id) ON DELETE CASCADE
);

ALTER TABLE provider_services ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON provider_services USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, DELETE ON provider_services TO {{app_role}};
