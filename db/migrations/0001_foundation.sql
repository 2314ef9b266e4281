-- Foundation: reference territories (КАТОТТГ), tenants, identity, sessions, grants, audit.
-- Runs as the database owner. The application connects as :app_role (see 0002) which
-- cannot bypass row-level security and cannot change the audit trail.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- КАТОТТГ reference (global, read-only for the app)
CREATE TABLE oblasts (
  code text PRIMARY KEY,
  name text NOT NULL,
  category char(1) NOT NULL
);
CREATE TABLE raions (
  code text PRIMARY KEY,
  oblast_code text NOT NULL REFERENCES oblasts(code),
  name text NOT NULL
);
-- Every hromada of the codifier; an active one is a tenant.
CREATE TABLE hromadas (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  raion_code text NOT NULL REFERENCES raions(code),
  oblast_code text NOT NULL REFERENCES oblasts(code),
  name text NOT NULL,
  active boolean NOT NULL DEFAULT false,
  activated_at timestamptz,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX hromadas_name_idx ON hromadas (name COLLATE "uk-UA-x-icu");
CREATE TABLE settlements (
  code text PRIMARY KEY,
  hromada_code text NOT NULL REFERENCES hromadas(code),
  category char(1) NOT NULL,
  name text NOT NULL
);
CREATE INDEX settlements_hromada_idx ON settlements (hromada_code);

-- Tenant: starosta districts and the settlements in each.
CREATE TABLE districts (
  id serial PRIMARY KEY,
  hromada_id int NOT NULL REFERENCES hromadas(id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (hromada_id, name)
);
CREATE TABLE district_settlements (
  hromada_id int NOT NULL REFERENCES hromadas(id),
  district_id int NOT NULL REFERENCES districts(id) ON DELETE CASCADE,
  settlement_code text NOT NULL REFERENCES settlements(code),
  PRIMARY KEY (hromada_id, settlement_code)
);

-- Tenant: agencies (service providers, departments) a grant can be scoped to.
CREATE TABLE agencies (
  id serial PRIMARY KEY,
  hromada_id int NOT NULL REFERENCES hromadas(id),
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'provider',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (hromada_id, name)
);

-- Identity (global: a person logs in before a tenant is chosen).
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('staff', 'resident')),
  username text UNIQUE,
  email text,
  display_name text NOT NULL,
  password_hash text,
  totp_secret text,
  totp_enabled_at timestamptz,
  recovery_codes jsonb NOT NULL DEFAULT '[]'::jsonb,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  active boolean NOT NULL DEFAULT true,
  is_superadmin boolean NOT NULL DEFAULT false,
  home_hromada_id int REFERENCES hromadas(id),
  email_verified_at timestamptz,
  locale text NOT NULL DEFAULT 'uk',
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'resident' OR username IS NOT NULL),
  CHECK (kind = 'staff' OR email IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE user_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  issuer text NOT NULL,
  subject text NOT NULL,
  claims jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, subject)
);

-- One-time tokens for e-mail verification and password reset (stored hashed).
CREATE TABLE user_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Role grants: tenant data, scoped to a hromada and optionally an agency or district.
CREATE TABLE grants (
  id serial PRIMARY KEY,
  hromada_id int NOT NULL REFERENCES hromadas(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'worker', 'frontdesk', 'starosta', 'provider', 'children', 'public')),
  agency_id int REFERENCES agencies(id),
  district_id int REFERENCES districts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users(id),
  CHECK (agency_id IS NULL OR district_id IS NULL)
);
CREATE UNIQUE INDEX grants_unique_idx ON grants (hromada_id, user_id, role, coalesce(agency_id, 0), coalesce(district_id, 0));
CREATE INDEX grants_user_idx ON grants (user_id);

-- Server-side sessions (infrastructure, looked up by token hash before a tenant is known).
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hromada_id int REFERENCES hromadas(id),
  mfa_passed boolean NOT NULL DEFAULT false,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Rate limiting / lockout bookkeeping keyed by a hash, not by the username.
CREATE TABLE login_attempts (
  key_hash text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_idx ON login_attempts (key_hash, at);

-- API tokens (stored hashed; scoped like their user).
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hromada_id int NOT NULL REFERENCES hromadas(id),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  expires_at timestamptz
);

-- Audit trail: append-only, hash-chained per hromada (chain 0 = platform-wide events).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  chain int NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  hromada_id int REFERENCES hromadas(id),
  actor_id uuid,
  actor_label text,
  action text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('read', 'write', 'auth', 'admin')),
  entity_type text,
  entity_id text,
  fields text[] NOT NULL DEFAULT '{}',
  reason text,
  ip text,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (hromada_id, entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (hromada_id, actor_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (hromada_id, at);

-- The canonical text a row's hash covers. Kept in one place; the verifier uses it too.
CREATE FUNCTION audit_canonical(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.chain, r.seq, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.hromada_id::text, ''), coalesce(r.actor_id::text, ''), coalesce(r.actor_label, ''),
    r.action, r.operation, coalesce(r.entity_type, ''), coalesce(r.entity_id, ''),
    array_to_string(r.fields, ','), coalesce(r.reason, ''), coalesce(r.ip, ''), coalesce(r.request_id, ''),
    r.prev_hash)
$$;

CREATE FUNCTION audit_chain_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  last record;
BEGIN
  NEW.chain := coalesce(NEW.hromada_id, 0);
  -- Serialise writers of one chain until commit, so the chain has no forks.
  PERFORM pg_advisory_xact_lock(7342001, NEW.chain);
  SELECT seq, hash INTO last FROM audit_log WHERE chain = NEW.chain ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last.seq, 0) + 1;
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.at := clock_timestamp();
  NEW.hash := encode(sha256(convert_to(audit_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_insert BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_chain_insert();

CREATE FUNCTION audit_forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
