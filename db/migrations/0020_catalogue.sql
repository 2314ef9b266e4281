-- Catalogue of social services (editable data per hromada) and life-situation bundles.
-- Tenant tables: hromada_id + RLS. Every change of a service card bumps services.version and
-- keeps the previous card in service_history.

CREATE TABLE services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  code text,
  name text NOT NULL,
  name_en text,
  description text,
  recipients text,
  eligible_categories text[] NOT NULL DEFAULT '{}',
  min_age int CHECK (min_age IS NULL OR min_age BETWEEN 0 AND 150),
  max_age int CHECK (max_age IS NULL OR max_age BETWEEN 0 AND 150),
  conditions text,
  cost text NOT NULL CHECK (cost IN ('free', 'paid', 'differentiated')),
  tariff text,
  max_processing_days int NOT NULL CHECK (max_processing_days BETWEEN 0 AND 365),
  crisis boolean NOT NULL DEFAULT false,
  channels text[] NOT NULL CHECK (channels <@ ARRAY['online', 'front_office', 'starosta']::text[]),
  legal_basis text,
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  CHECK (min_age IS NULL OR max_age IS NULL OR max_age >= min_age)
);
CREATE UNIQUE INDEX services_code_idx ON services (hromada_id, code) WHERE code IS NOT NULL;
CREATE INDEX services_name_idx ON services (hromada_id, name COLLATE "uk-UA-x-icu");

CREATE TABLE service_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  position int NOT NULL DEFAULT 0,
  name text NOT NULL,
  obtained_by_office boolean NOT NULL DEFAULT false,
  required boolean NOT NULL DEFAULT true
);
CREATE INDEX service_documents_service_idx ON service_documents (service_id, position);

-- Technological card: ordered steps with the responsible role and a time limit.
CREATE TABLE service_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  position int NOT NULL DEFAULT 0,
  title text NOT NULL,
  responsible_role text,
  time_limit_days int CHECK (time_limit_days IS NULL OR time_limit_days BETWEEN 0 AND 365)
);
CREATE INDEX service_steps_service_idx ON service_steps (service_id, position);

CREATE TABLE service_providers (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  agency_id int NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (service_id, agency_id)
);

CREATE TABLE life_situations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL,
  summary text,
  -- Step-by-step instruction: one step per line, in order.
  instruction text NOT NULL DEFAULT '',
  position int NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  UNIQUE (hromada_id, slug)
);

CREATE TABLE life_situation_services (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  life_situation_id uuid NOT NULL REFERENCES life_situations(id) ON DELETE CASCADE,
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  position int NOT NULL DEFAULT 0,
  PRIMARY KEY (life_situation_id, service_id)
);
CREATE INDEX life_situation_services_service_idx ON life_situation_services (service_id);

CREATE TABLE service_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  service_id uuid NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  version int NOT NULL,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  -- The whole card (with documents, steps, providers) as it was before the change.
  snapshot jsonb NOT NULL,
  reason text,
  UNIQUE (service_id, version)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services', 'service_documents', 'service_steps', 'service_providers',
    'life_situations', 'life_situation_services', 'service_history'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO {{app_role}}', t);
  END LOOP;
END $$;
