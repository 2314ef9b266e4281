-- Social orders (соціальне замовлення, issue 12 item 2, decision 0027): the hromada buys volumes of services from a
-- provider chosen on a competitive basis. An order has its lines (service, volume with its unit, unit price), a period
-- and a budget; the procurement is recorded with its announcement, the bids, the evaluation and the decision naming the
-- winner, who becomes the order's provider. The volume used is read from the provider's service acts (0063).
-- Contracts with recipients use the tables of 0063 unchanged.

CREATE TABLE social_orders (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number text NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 50),
  title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  -- In hryvnias; the lines' totals (volume × unit price) never exceed it (checked when the order is saved).
  budget numeric(14, 2) NOT NULL CHECK (budget > 0),
  -- draft → procurement (announced, bids taken) → awarded (the decision named the winner) → closed.
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'procurement', 'awarded', 'closed')),
  -- The provider: the winner of the procurement (none before the decision).
  agency_id int,
  announced_on date,
  announcement_number text CHECK (announcement_number IS NULL OR length(announcement_number) <= 100),
  announcement_place text CHECK (announcement_place IS NULL OR length(announcement_place) <= 500),
  evaluation_note text CHECK (evaluation_note IS NULL OR length(evaluation_note) <= 4000),
  decided_on date,
  decision_number text CHECK (decision_number IS NULL OR length(decision_number) <= 100),
  winner_bid_id uuid,
  closed_on date,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz,
  PRIMARY KEY (hromada_id, id),
  CHECK (ends_on >= starts_on),
  CHECK (status = 'draft' OR announced_on IS NOT NULL),
  CHECK (status NOT IN ('awarded', 'closed') OR (agency_id IS NOT NULL AND decided_on IS NOT NULL)),
  FOREIGN KEY (hromada_id, agency_id) REFERENCES agencies (hromada_id, id)
);
CREATE UNIQUE INDEX social_orders_number_idx ON social_orders (hromada_id, number);
CREATE INDEX social_orders_period_idx ON social_orders (hromada_id, starts_on, ends_on);

CREATE TABLE social_order_lines (
  hromada_id int NOT NULL,
  order_id uuid NOT NULL,
  service_id uuid NOT NULL,
  volume numeric(12, 2) NOT NULL CHECK (volume > 0),
  volume_unit text NOT NULL CHECK (volume_unit IN ('hour', 'visit', 'day')),
  unit_price numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (hromada_id, order_id, service_id),
  FOREIGN KEY (hromada_id, order_id) REFERENCES social_orders (hromada_id, id) ON DELETE CASCADE,
  FOREIGN KEY (hromada_id, service_id) REFERENCES services (hromada_id, id)
);

-- The bids of the procurement: who offered (name and ЄДРПОУ or РНОКПП as written in the bid), at what price, scored.
CREATE TABLE social_order_bids (
  hromada_id int NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  bidder_name text NOT NULL CHECK (length(trim(bidder_name)) BETWEEN 1 AND 300),
  bidder_code text NOT NULL CHECK (bidder_code ~ '^[0-9]{8}$|^[0-9]{10}$'),
  price numeric(14, 2) NOT NULL CHECK (price > 0),
  score numeric(6, 2) CHECK (score IS NULL OR score BETWEEN 0 AND 1000),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, order_id) REFERENCES social_orders (hromada_id, id)
);
CREATE INDEX social_order_bids_order_idx ON social_order_bids (hromada_id, order_id);
ALTER TABLE social_orders
  ADD CONSTRAINT social_orders_winner_fkey FOREIGN KEY (hromada_id, winner_bid_id) REFERENCES social_order_bids (hromada_id, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['social_orders', 'social_order_lines', 'social_order_bids'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON social_orders, social_order_bids TO {{app_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON social_order_lines TO {{app_role}};
