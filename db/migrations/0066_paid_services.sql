-- Paid social services (issue 12 item 5, decision 0029; art. 28 of the Law «Про соціальні послуги»): tariffs per
-- provider and service with a validity period, the hromada's dated rules of payment (the subsistence minimum, the
-- thresholds of 2 and 4 of it and the differentiated bands between them), the payee's details, incomes per quarter,
-- each recipient's payment category per service with its validity, monthly invoices built from the service acts
-- (0063), their lines and the payments received.

-- Overlapping validity periods are refused by exclusion constraints over (hromada, agency, service, dates).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE paid_service_tariffs (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_id int NOT NULL,
  service_id uuid NOT NULL,
  unit text NOT NULL CHECK (unit IN ('hour', 'visit', 'day')),
  -- Price of one unit in hryvnias with kopiykas.
  price numeric(12, 2) NOT NULL CHECK (price >= 0),
  valid_from date NOT NULL,
  -- Last day the tariff applies (inclusive); none: until a later tariff is set.
  valid_to date,
  -- The state standard's monthly volume in the unit, if set: beyond it the recipient pays the full tariff (art. 28).
  monthly_limit numeric(8, 2) CHECK (monthly_limit > 0),
  -- Where the price comes from: the catalogue's tariff or the contract with the provider.
  source text NOT NULL CHECK (source IN ('catalogue', 'contract')),
  note text CHECK (note IS NULL OR length(note) <= 500),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id),
  CONSTRAINT paid_service_tariffs_no_overlap EXCLUDE USING gist (
    hromada_id WITH =, agency_id WITH =, service_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);

-- The hromada's rules of payment from a day on. No row for a day: the defaults in code (paid-rules.ts).
CREATE TABLE paid_service_rules (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  valid_from date NOT NULL,
  -- Прожитковий мінімум (the general figure) in hryvnias.
  subsistence_minimum numeric(10, 2) NOT NULL CHECK (subsistence_minimum > 0),
  -- Below free_below subsistence minimums of average monthly income: free; above full_above: full price.
  free_below numeric(6, 2) NOT NULL CHECK (free_below > 0),
  full_above numeric(6, 2) NOT NULL,
  -- The differentiated share between them: [{"from": 2, "to": 2.5, "percent": 20}, …] (КМУ №429, to be checked).
  bands jsonb NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, valid_from),
  CHECK (full_above > free_below),
  CHECK (jsonb_typeof(bands) = 'array')
);

-- Who is paid and how an invoice reads: the payee's details, days to pay, the payment purpose.
CREATE TABLE paid_service_settings (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  payee_name text CHECK (payee_name IS NULL OR length(payee_name) <= 300),
  edrpou text CHECK (edrpou IS NULL OR edrpou ~ '^[0-9]{8}$'),
  iban text CHECK (iban IS NULL OR iban ~ '^UA[0-9]{27}$'),
  bank_name text CHECK (bank_name IS NULL OR length(bank_name) <= 300),
  due_days int NOT NULL CHECK (due_days BETWEEN 1 AND 90),
  purpose_code text NOT NULL CHECK (purpose_code ~ '^[0-9]{3}$'),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id)
);

-- A family's income for one quarter (the quarter is required), from which the average monthly income per person is
-- computed: total / 3 / members.
CREATE TABLE paid_service_incomes (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  total_income numeric(12, 2) NOT NULL CHECK (total_income >= 0),
  members int NOT NULL CHECK (members BETWEEN 1 AND 30),
  documents text NOT NULL CHECK (length(trim(documents)) BETWEEN 1 AND 2000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, person_id, year, quarter),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id)
);

-- A recipient's payment category for a service over a period: free (a ground of art. 28), by income (the share
-- computed on the decision day from the income and the rules in force then), or full.
CREATE TABLE paid_service_categories (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  service_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('free', 'income', 'full')),
  ground text CHECK (ground IS NULL OR length(ground) <= 50),
  income_id uuid,
  decided_on date NOT NULL,
  -- Average monthly income per person / subsistence minimum (income only).
  ratio numeric(10, 4),
  -- Share of the tariff the recipient pays, in hundredths of a percent (0 … 10000).
  share_bp int NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
  valid_from date NOT NULL,
  valid_to date,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK ((kind = 'free') = (ground IS NOT NULL)),
  CHECK ((kind = 'income') = (income_id IS NOT NULL)),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id),
  FOREIGN KEY (hromada_id, income_id) REFERENCES paid_service_incomes (hromada_id, id),
  CONSTRAINT paid_service_categories_no_overlap EXCLUDE USING gist (
    hromada_id WITH =, person_id WITH =, service_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);

-- One invoice per provider, recipient and month (a re-run finds it and makes no second one).
CREATE TABLE paid_service_invoices (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_id int NOT NULL,
  person_id uuid NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  number text NOT NULL CHECK (length(number) BETWEEN 1 AND 50),
  issued_on date NOT NULL,
  due_on date NOT NULL,
  total numeric(12, 2) NOT NULL CHECK (total >= 0),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 300),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  UNIQUE (hromada_id, agency_id, person_id, month),
  UNIQUE (hromada_id, number),
  CHECK (due_on >= issued_on),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, person_id) REFERENCES persons (hromada_id, id)
);
CREATE INDEX paid_service_invoices_month_idx ON paid_service_invoices (hromada_id, month, agency_id);
CREATE INDEX paid_service_invoices_person_idx ON paid_service_invoices (hromada_id, person_id, month);

CREATE TABLE paid_service_invoice_lines (
  hromada_id int NOT NULL,
  invoice_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 1),
  service_id uuid NOT NULL,
  tariff_id uuid NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  unit text NOT NULL CHECK (unit IN ('hour', 'visit', 'day')),
  volume numeric(10, 2) NOT NULL CHECK (volume >= 0),
  price numeric(12, 2) NOT NULL CHECK (price >= 0),
  share_bp int NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
  amount numeric(12, 2) NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (hromada_id, invoice_id, position),
  CHECK (period_to >= period_from),
  FOREIGN KEY (hromada_id, invoice_id) REFERENCES paid_service_invoices (hromada_id, id),
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id),
  FOREIGN KEY (hromada_id, tariff_id) REFERENCES paid_service_tariffs (hromada_id, id)
);

CREATE TABLE paid_service_payments (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  invoice_id uuid NOT NULL,
  paid_on date NOT NULL,
  amount numeric(12, 2) NOT NULL CHECK (amount > 0),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, invoice_id) REFERENCES paid_service_invoices (hromada_id, id)
);
CREATE INDEX paid_service_payments_invoice_idx ON paid_service_payments (hromada_id, invoice_id, paid_on);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['paid_service_tariffs', 'paid_service_rules', 'paid_service_settings', 'paid_service_incomes',
    'paid_service_categories', 'paid_service_invoices', 'paid_service_invoice_lines', 'paid_service_payments'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON paid_service_tariffs, paid_service_rules, paid_service_settings,
  paid_service_incomes, paid_service_categories TO {{app_role}};
GRANT SELECT, INSERT ON paid_service_invoices, paid_service_invoice_lines, paid_service_payments TO {{app_role}};
