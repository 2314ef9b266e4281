-- The role the application runs as. It owns nothing, cannot bypass RLS,
-- and may only append to the audit trail. {{app_role}} is substituted by the migrator.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{app_role}}') THEN
    CREATE ROLE {{app_role}} NOLOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO {{app_role}};
GRANT SELECT ON oblasts, raions, settlements TO {{app_role}};
GRANT SELECT, UPDATE ON hromadas TO {{app_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON districts, district_settlements, agencies, users, user_identities,
  user_tokens, grants, sessions, login_attempts, api_tokens TO {{app_role}};
GRANT SELECT, INSERT ON audit_log TO {{app_role}};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {{app_role}};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {{app_role}};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {{app_role}};

-- The tenant of the current transaction, set by the application with set_config(..., true).
CREATE FUNCTION current_hromada_id() RETURNS int
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.hromada_id', true), '')::int $$;

ALTER TABLE districts ENABLE ROW LEVEL SECURITY;
ALTER TABLE districts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON districts USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());

ALTER TABLE district_settlements ENABLE ROW LEVEL SECURITY;
ALTER TABLE district_settlements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON district_settlements USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());

ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON agencies USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());

ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON grants USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON api_tokens USING (hromada_id = current_hromada_id()) WITH CHECK (hromada_id = current_hromada_id());

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_log FOR SELECT USING (hromada_id = current_hromada_id());
CREATE POLICY tenant_append ON audit_log FOR INSERT
  WITH CHECK (hromada_id IS NULL OR hromada_id = current_hromada_id());

-- Lookups that must cross tenants before one is chosen: only the columns needed.
CREATE FUNCTION user_grants(uid uuid)
RETURNS TABLE (id int, hromada_id int, hromada_name text, role text, agency_id int, district_id int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT g.id, g.hromada_id, h.name, g.role, g.agency_id, g.district_id
  FROM grants g JOIN hromadas h ON h.id = g.hromada_id
  WHERE g.user_id = uid AND h.active
  ORDER BY h.name COLLATE "uk-UA-x-icu", g.role
$$;
CREATE FUNCTION api_token_lookup(hash text)
RETURNS TABLE (id uuid, hromada_id int, user_id uuid, revoked_at timestamptz, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.hromada_id, t.user_id, t.revoked_at, t.expires_at FROM api_tokens t WHERE t.token_hash = hash
$$;
REVOKE ALL ON FUNCTION user_grants(uuid), api_token_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION user_grants(uuid), api_token_lookup(text), current_hromada_id() TO {{app_role}};
