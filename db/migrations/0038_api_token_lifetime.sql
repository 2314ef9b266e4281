-- API tokens no longer outlive their user's credentials (issue 9, item 3).
-- 1. Every token expires: a token without an end gets one 90 days from now (the application
--    chooses the end on creation, at most a year ahead; rows written without one get 90 days).
-- 2. A token stops working when its user's password is reset, the user is deactivated or a role
--    of the user is removed: the application revokes the tokens in the same transaction
--    (api_tokens_revoke_user below for the first two, which are not tied to one hromada).
-- 3. The API's one-call authentication also returns whether the password is a temporary one,
--    so such a user gets 403 from the API as from the pages.
UPDATE api_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
ALTER TABLE api_tokens ALTER COLUMN expires_at SET DEFAULT (now() + interval '90 days');
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
-- A row inserted with an explicit NULL end (older tools, scripts) gets the default rather than an error.
CREATE FUNCTION api_tokens_default_expiry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.expires_at := coalesce(NEW.expires_at, now() + interval '90 days');
  RETURN NEW;
END $$;
CREATE TRIGGER api_tokens_default_expiry BEFORE INSERT ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION api_tokens_default_expiry();

-- Revokes every live token of a user in every hromada (a password and an account are not
-- per hromada). Returns how many were revoked. Only ever takes access away.
CREATE FUNCTION api_tokens_revoke_user(uid uuid) RETURNS int
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n int;
BEGIN
  UPDATE api_tokens SET revoked_at = now() WHERE user_id = uid AND revoked_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
REVOKE ALL ON FUNCTION api_tokens_revoke_user(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_tokens_revoke_user(uuid) TO {{app_role}};

-- As api_token_actor of 0033 (same single call, same cost), plus must_change_password.
DROP FUNCTION api_token_actor(text);
CREATE FUNCTION api_token_actor(hash text)
RETURNS TABLE (token_id uuid, hromada_id int, id uuid, kind text, display_name text, is_superadmin boolean,
  active boolean, must_change_password boolean, locale text, hromada_name text, grants json)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t record;
BEGIN
  SELECT a.id, a.hromada_id, a.user_id, a.last_used_at INTO t FROM api_tokens a
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
     FROM grants g WHERE g.user_id = u.id AND g.hromada_id = t.hromada_id)
  FROM users u WHERE u.id = t.user_id;
END
$$;
REVOKE ALL ON FUNCTION api_token_actor(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_token_actor(text) TO {{app_role}};
