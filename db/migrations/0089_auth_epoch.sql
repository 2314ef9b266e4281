-- Issue 15, decision 0039: what an API token may do changes only when one of the rows api_token_actor reads changes
-- (the token, its user, the user's grants, the hromada). A counter in one row, raised by the commit of every such
-- change, lets a read by a token found valid a moment ago confirm in its opening statement that nothing changed since
-- (the counter is the same and the token has not expired), instead of looking the token up again.
CREATE TABLE auth_epoch (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  epoch bigint NOT NULL
);
INSERT INTO auth_epoch VALUES (true, 1);
-- Read only for the application (the schema's default privileges would let it write).
REVOKE ALL ON auth_epoch FROM {{app_role}};
GRANT SELECT ON auth_epoch TO {{app_role}};

-- Raised as the owner: the application role can read the counter, never set it.
CREATE FUNCTION auth_epoch_raise() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE auth_epoch SET epoch = epoch + 1;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION auth_epoch_raise() FROM PUBLIC;

-- Statement triggers, raised at the end of each changing statement (a rolled-back change raises nothing; others see
-- the new value only with the change's commit). Not deferred to the commit: a deferred event left pending would stop an
-- ALTER TABLE later in the same transaction (a migration that deletes grants, then alters the table). The counter's row
-- stays locked to the changing transaction's end: two administrators' changes to these tables wait for each other.
-- Only the columns api_token_actor returns or filters on; last_used_at (written by the lookup itself) is not one.
CREATE TRIGGER auth_epoch AFTER UPDATE OF token_hash, hromada_id, user_id, revoked_at, expires_at OR DELETE OR TRUNCATE
  ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_raise();
CREATE TRIGGER auth_epoch AFTER UPDATE OF kind, display_name, is_superadmin, active, must_change_password, locale
  OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_raise();
CREATE TRIGGER auth_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON grants FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_raise();
CREATE TRIGGER auth_epoch AFTER UPDATE OF name, active OR DELETE OR TRUNCATE
  ON hromadas FOR EACH STATEMENT EXECUTE FUNCTION auth_epoch_raise();

-- As api_token_actor of 0038, plus the token's expiry and the counter. The counter is read in the first statement,
-- before the user, grants and hromada: a change committed between the two statements leaves the row remembered with
-- an older counter, so the next read by the token looks it up again (never the other way round).
DROP FUNCTION api_token_actor(text);
CREATE FUNCTION api_token_actor(hash text)
RETURNS TABLE (token_id uuid, hromada_id int, id uuid, kind text, display_name text, is_superadmin boolean,
  active boolean, must_change_password boolean, locale text, hromada_name text, grants json,
  expires_at timestamptz, epoch bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t record;
BEGIN
  SELECT a.id, a.hromada_id, a.user_id, a.last_used_at, a.expires_at, (SELECT e.epoch FROM auth_epoch e) AS epoch
  INTO t FROM api_tokens a
  WHERE a.token_hash = hash AND a.revoked_at IS NULL AND a.expires_at > now();
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' THEN
    UPDATE api_tokens a SET last_used_at = now() WHERE a.id = t.id;
  END IF;
  RETURN QUERY SELECT t.id, t.hromada_id, u.id, u.kind, u.display_name, u.is_superadmin, u.active,
    u.must_change_password, u.locale,
    (SELECT h.name FROM hromadas h WHERE h.id = t.hromada_id AND h.active),
    (SELECT coalesce(json_agg(json_build_object('id', g.id, 'hromadaId', g.hromada_id, 'role', g.role,
       'agencyId', g.agency_id, 'districtId', g.district_id) ORDER BY g.role), '[]'::json)
     FROM grants g WHERE g.user_id = u.id AND g.hromada_id = t.hromada_id),
    t.expires_at, t.epoch
  FROM users u WHERE u.id = t.user_id;
END
$$;
REVOKE ALL ON FUNCTION api_token_actor(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_token_actor(text) TO {{app_role}};
