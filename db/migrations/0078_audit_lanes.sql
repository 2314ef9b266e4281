-- Audit chains in lanes (issue 15, decision 0005 addendum): a hromada's chain was one sequence, so every audited call
-- of the hromada waited for the one before it to commit — the chain's advisory lock is held through the COMMIT and its
-- WAL flush — and 64 clients of one hromada were served one commit at a time. Each chain now has 16 lanes, each its
-- own hash chain with its own lock; a database session always writes to the same lane (its backend pid modulo 16), so
-- the entries of one transaction stay in order, and sessions on different lanes commit side by side (their WAL flushes
-- can be shared). Entries written before keep lane 0 and their hashes: the canonical text adds the lane only for the
-- others, and lane 0 goes on from where the chain was.
ALTER TABLE audit_log ADD COLUMN lane smallint NOT NULL DEFAULT 0 CHECK (lane BETWEEN 0 AND 15);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_chain_seq_key;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_lane_seq_key UNIQUE (chain, lane, seq);

CREATE OR REPLACE FUNCTION audit_canonical(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.chain, r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.hromada_id::text, ''), coalesce(r.actor_id::text, ''), coalesce(r.actor_label, ''),
    r.action, r.operation, coalesce(r.entity_type, ''), coalesce(r.entity_id, ''),
    array_to_string(r.fields, ','), coalesce(r.reason, ''), coalesce(r.ip, ''), coalesce(r.request_id, ''),
    r.prev_hash) || CASE WHEN r.lane = 0 THEN '' ELSE '|' || r.lane END
$$;

CREATE OR REPLACE FUNCTION audit_chain_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  last record;
BEGIN
  NEW.chain := coalesce(NEW.hromada_id, 0);
  NEW.lane := pg_backend_pid() % 16;
  -- Serialise the writers of one lane until commit, so the lane has no forks.
  PERFORM pg_advisory_xact_lock(7342001, NEW.chain * 16 + NEW.lane);
  SELECT seq, hash INTO last FROM audit_log WHERE chain = NEW.chain AND lane = NEW.lane ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last.seq, 0) + 1;
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.at := clock_timestamp();
  NEW.hash := encode(sha256(convert_to(audit_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;
