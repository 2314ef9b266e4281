-- Staff development (issue 12 item 6, decision 0030): the qualifications, trainings and supervision sessions of the
-- hromada's social workers and of its providers' staff (the users with a grant in the hromada). Personal data of
-- employees: tenant rows under RLS; the certificate files stored like the other uploads, by storage key, outside the
-- web root (DATA_DIR/uploads/staff/<storage_key>), their type detected from their content.

CREATE TABLE staff_qualifications (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  position text NOT NULL CHECK (length(trim(position)) BETWEEN 1 AND 200),
  education text NOT NULL CHECK (length(trim(education)) BETWEEN 1 AND 300),
  specialty text NOT NULL CHECK (length(trim(specialty)) BETWEEN 1 AND 200),
  -- Category or qualification level (e.g. «провідний фахівець», «перша категорія»), as the personnel order names it.
  category text CHECK (category IS NULL OR length(category) <= 200),
  position_since date,
  category_on date,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id)
);
CREATE INDEX staff_qualifications_user_idx ON staff_qualifications (hromada_id, user_id);

CREATE TABLE staff_trainings (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  course text NOT NULL CHECK (length(trim(course)) BETWEEN 1 AND 300),
  organiser text NOT NULL CHECK (length(trim(organiser)) BETWEEN 1 AND 300),
  hours numeric(6, 2) NOT NULL CHECK (hours > 0 AND hours <= 1000),
  trained_on date NOT NULL,
  certificate_number text CHECK (certificate_number IS NULL OR length(certificate_number) <= 100),
  -- The certificate's scan (PDF, JPEG or PNG by its content), if given: all five together or none.
  file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255),
  content_type text CHECK (content_type IS NULL OR content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size int CHECK (size IS NULL OR size > 0),
  sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  storage_key uuid,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, storage_key),
  CHECK ((storage_key IS NULL) = (file_name IS NULL) AND (storage_key IS NULL) = (content_type IS NULL)
         AND (storage_key IS NULL) = (size IS NULL) AND (storage_key IS NULL) = (sha256 IS NULL))
);
CREATE INDEX staff_trainings_user_idx ON staff_trainings (hromada_id, user_id, trained_on);
CREATE INDEX staff_trainings_year_idx ON staff_trainings (hromada_id, trained_on);

-- A supervision session: individual (one participant) or group (several). Topics only — never case details
-- (the app refuses text with an РНОКПП-like number or a case number).
CREATE TABLE staff_supervisions (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('individual', 'group')),
  supervisor text NOT NULL CHECK (length(trim(supervisor)) BETWEEN 1 AND 200),
  held_on date NOT NULL,
  hours numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
  topics text NOT NULL CHECK (length(trim(topics)) BETWEEN 1 AND 2000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id)
);
CREATE INDEX staff_supervisions_year_idx ON staff_supervisions (hromada_id, held_on);

CREATE TABLE staff_supervision_participants (
  hromada_id int NOT NULL,
  supervision_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (hromada_id, supervision_id, user_id),
  FOREIGN KEY (hromada_id, supervision_id) REFERENCES staff_supervisions (hromada_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_supervision_participants_user_idx ON staff_supervision_participants (hromada_id, user_id);

ALTER TABLE staff_qualifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_qualifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON staff_qualifications USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
ALTER TABLE staff_trainings ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_trainings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON staff_trainings USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
ALTER TABLE staff_supervisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_supervisions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON staff_supervisions USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
ALTER TABLE staff_supervision_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_supervision_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON staff_supervision_participants USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());

GRANT SELECT, INSERT, DELETE ON staff_qualifications, staff_trainings, staff_supervisions,
  staff_supervision_participants TO {{app_role}};
