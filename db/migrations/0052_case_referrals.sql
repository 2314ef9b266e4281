-- Referral and transfer (issue 11 item 5): a case, or one service need of it, is referred to another
-- agency (a provider) or to a named member of staff (the children's service, a colleague); the management
-- of a case is transferred the same way. A referral shares only the sections chosen (a snapshot taken
-- when it is sent: what the recipient sees, nothing else of the person) and rests on the person's
-- recorded consent, a legal ground that needs none (threat to life, violence, a child at risk), or a
-- manager's override with a reason. The recipient accepts or declines it with a reason.

-- Foreign keys to agencies and consents carry the hromada (decision 0011).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'agencies_hromada_id_id_key') THEN
    ALTER TABLE agencies ADD CONSTRAINT agencies_hromada_id_id_key UNIQUE (hromada_id, id);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'consents_hromada_id_id_key') THEN
    ALTER TABLE consents ADD CONSTRAINT consents_hromada_id_id_key UNIQUE (hromada_id, id);
  END IF;
END $$;

CREATE TABLE case_referrals (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  -- case: the whole case; service: one service need; transfer: the management of the case.
  kind text NOT NULL CHECK (kind IN ('case', 'service', 'transfer')),
  to_agency_id int,
  to_user_id uuid REFERENCES users(id),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  sections text[] NOT NULL,
  shared jsonb NOT NULL,
  -- consent: the person's consent (consent_id); law: a ground that needs none; override: a manager's decision.
  basis text NOT NULL CHECK (basis IN ('consent', 'law', 'override')),
  consent_id uuid,
  law_ground text CHECK (law_ground IS NULL OR law_ground IN ('threat_to_life', 'violence', 'child_at_risk')),
  basis_reason text CHECK (basis_reason IS NULL OR length(basis_reason) <= 2000),
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined')),
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id),
  decided_label text,
  decision_reason text CHECK (decision_reason IS NULL OR length(decision_reason) <= 2000),
  -- The case the recipient opened on accepting a referral of a whole case.
  result_case_id uuid,
  sent_by uuid NOT NULL REFERENCES users(id),
  sent_label text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hromada_id, id),
  FOREIGN KEY (hromada_id, case_id) REFERENCES cases (hromada_id, id),
  FOREIGN KEY (hromada_id, result_case_id) REFERENCES cases (hromada_id, id),
  FOREIGN KEY (hromada_id, to_agency_id) REFERENCES agencies (hromada_id, id),
  FOREIGN KEY (hromada_id, consent_id) REFERENCES consents (hromada_id, id),
  CHECK ((to_agency_id IS NULL) <> (to_user_id IS NULL)),
  CHECK (kind <> 'transfer' OR to_user_id IS NOT NULL),
  CHECK ((basis = 'consent') = (consent_id IS NOT NULL)),
  CHECK ((basis = 'law') = (law_ground IS NOT NULL)),
  CHECK (basis = 'consent' OR length(trim(basis_reason)) > 0),
  CHECK ((status = 'sent') = (decided_at IS NULL)),
  CHECK (status <> 'declined' OR length(trim(decision_reason)) > 0)
);
CREATE INDEX case_referrals_case_idx ON case_referrals (hromada_id, case_id, sent_at DESC);
CREATE INDEX case_referrals_agency_idx ON case_referrals (hromada_id, to_agency_id, status) WHERE to_agency_id IS NOT NULL;
CREATE INDEX case_referrals_user_idx ON case_referrals (hromada_id, to_user_id, status) WHERE to_user_id IS NOT NULL;

ALTER TABLE cases ADD COLUMN referral_id uuid;
ALTER TABLE cases ADD CONSTRAINT cases_referral_fk FOREIGN KEY (hromada_id, referral_id)
  REFERENCES case_referrals (hromada_id, id);

ALTER TABLE case_referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_referrals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON case_referrals USING (hromada_id = current_hromada_id())
  WITH CHECK (hromada_id = current_hromada_id());
GRANT SELECT, INSERT, UPDATE ON case_referrals TO {{app_role}};
