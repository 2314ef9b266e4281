-- Registry of persons and households (банк даних). Tenant tables: hromada_id + RLS.
-- Sensitive identifiers (РНОКПП, УНЗР, document numbers) are stored sealed (AES-GCM, key id
-- prefix) with a keyed hash (HMAC) for exact lookup; only a mask is stored in clear.

CREATE TABLE category_types (
  code text NOT NULL,
  hromada_id int REFERENCES hromadas(id),
  name_uk text NOT NULL,
  name_en text NOT NULL,
  needs_details boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 100,
  UNIQUE NULLS NOT DISTINCT (hromada_id, code)
);
INSERT INTO category_types (code, hromada_id, name_uk, name_en, needs_details, sort) VALUES
  ('disability_1', NULL, 'Особа з інвалідністю I групи', 'Disability group I', false, 10),
  ('disability_1a', NULL, 'Особа з інвалідністю I групи, підгрупа А', 'Disability group I, subgroup A', false, 11),
  ('disability_2', NULL, 'Особа з інвалідністю II групи', 'Disability group II', false, 12),
  ('disability_3', NULL, 'Особа з інвалідністю III групи', 'Disability group III', false, 13),
  ('disabled_child', NULL, 'Дитина з інвалідністю', 'Child with disability', false, 14),
  ('idp', NULL, 'Внутрішньо переміщена особа (ВПО)', 'Internally displaced person', false, 20),
  ('veteran', NULL, 'Ветеран війни / учасник бойових дій (УБД)', 'War veteran / combatant', false, 30),
  ('large_family', NULL, 'Багатодітна сім''я', 'Large family', false, 40),
  ('orphan', NULL, 'Дитина-сирота / дитина, позбавлена батьківського піклування', 'Orphan / child deprived of parental care', false, 50),
  ('difficult_circumstances', NULL, 'Сім''я / особа у складних життєвих обставинах (СЖО)', 'Family / person in difficult life circumstances', true, 60),
  ('elderly_alone', NULL, 'Самотня особа похилого віку', 'Elderly person living alone', false, 70);

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  last_name text NOT NULL,
  first_name text NOT NULL,
  patronymic text,
  latin_name text NOT NULL,
  birth_date date,
  sex text CHECK (sex IN ('female', 'male')),
  rnokpp_sealed text,
  rnokpp_hash text,
  rnokpp_mask text,
  rnokpp_absence text CHECK (rnokpp_absence IN ('refused', 'none')),
  unzr_sealed text,
  unzr_hash text,
  unzr_mask text,
  phone text,
  email text,
  reg_settlement_code text REFERENCES settlements(code),
  reg_street text, reg_house text, reg_apartment text,
  act_settlement_code text REFERENCES settlements(code),
  act_street text, act_house text, act_apartment text,
  district_id int REFERENCES districts(id),
  death_date date,
  merged_into uuid REFERENCES persons(id),
  name_tokens text[] NOT NULL DEFAULT '{}',
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  CHECK (rnokpp_hash IS NULL OR rnokpp_absence IS NULL)
);
-- One live record per РНОКПП / УНЗР in a hromada.
CREATE UNIQUE INDEX persons_rnokpp_idx ON persons (hromada_id, rnokpp_hash) WHERE rnokpp_hash IS NOT NULL AND merged_into IS NULL;
CREATE UNIQUE INDEX persons_unzr_idx ON persons (hromada_id, unzr_hash) WHERE unzr_hash IS NOT NULL AND merged_into IS NULL;
CREATE INDEX persons_tokens_idx ON persons USING gin (name_tokens) WHERE merged_into IS NULL;
CREATE INDEX persons_birth_idx ON persons (hromada_id, birth_date);
CREATE INDEX persons_district_idx ON persons (hromada_id, district_id);
CREATE INDEX persons_sort_idx ON persons (hromada_id, last_name COLLATE "uk-UA-x-icu", first_name COLLATE "uk-UA-x-icu");

-- Vocabulary of name tokens per hromada (normalised Latin keys) for typo-tolerant search:
-- a query token is matched against this small table by trigram similarity, then persons
-- are found by exact token through the GIN index on persons.name_tokens.
CREATE TABLE name_tokens (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  token text NOT NULL,
  PRIMARY KEY (hromada_id, token)
);
CREATE INDEX name_tokens_trgm_idx ON name_tokens USING gin (token gin_trgm_ops);

CREATE TABLE person_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  kind text NOT NULL CHECK (kind IN ('id_card', 'passport_book', 'birth_certificate', 'foreign_passport', 'other')),
  series text,
  number_sealed text NOT NULL,
  number_hash text NOT NULL,
  number_mask text NOT NULL,
  issuer text,
  issued_on date,
  expires_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_documents_person_idx ON person_documents (person_id);
CREATE INDEX person_documents_hash_idx ON person_documents (hromada_id, number_hash);

CREATE TABLE person_categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  code text NOT NULL,
  valid_from date,
  valid_to date,
  evidence text,
  details text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  ended_at timestamptz,
  ended_by uuid REFERENCES users(id),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX person_categories_person_idx ON person_categories (person_id);
CREATE INDEX person_categories_code_idx ON person_categories (hromada_id, code) WHERE ended_at IS NULL;

-- Which agencies serve a person (a provider sees only its clients).
CREATE TABLE person_agencies (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  agency_id int NOT NULL REFERENCES agencies(id),
  since date NOT NULL DEFAULT current_date,
  PRIMARY KEY (person_id, agency_id)
);
CREATE INDEX person_agencies_agency_idx ON person_agencies (agency_id);

CREATE TABLE households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  head_person_id uuid REFERENCES persons(id),
  settlement_code text REFERENCES settlements(code),
  street text, house text, apartment text,
  district_id int REFERENCES districts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id)
);
CREATE TABLE household_members (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  household_id uuid NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES persons(id),
  relation text NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'guardian', 'ward', 'sibling', 'grandparent', 'grandchild', 'other')),
  joined_on date NOT NULL DEFAULT current_date,
  left_on date,
  PRIMARY KEY (household_id, person_id)
);
CREATE INDEX household_members_person_idx ON household_members (person_id);

CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  purpose text NOT NULL,
  legal_basis text NOT NULL,
  scope text NOT NULL,
  text_version text NOT NULL,
  given_on date NOT NULL,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_on date,
  withdrawn_by uuid REFERENCES users(id)
);
CREATE INDEX consents_person_idx ON consents (person_id);

-- Merges keep both records; the merged one points at the survivor, links are moved and
-- remembered here so an administrator can undo the merge.
CREATE TABLE person_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  survivor_id uuid NOT NULL REFERENCES persons(id),
  merged_id uuid NOT NULL REFERENCES persons(id),
  moved jsonb NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  merged_by uuid REFERENCES users(id),
  undone_at timestamptz,
  undone_by uuid REFERENCES users(id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['persons', 'name_tokens', 'person_documents', 'person_categories', 'person_agencies',
    'households', 'household_members', 'consents', 'person_merges'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO {{app_role}}', t);
  END LOOP;
END $$;
ALTER TABLE category_types ENABLE ROW LEVEL SECURITY;
ALTER TABLE category_types FORCE ROW LEVEL SECURITY;
CREATE POLICY shared_or_tenant ON category_types USING (hromada_id IS NULL OR hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON category_types TO {{app_role}};
