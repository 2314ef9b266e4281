-- API authentication in one round trip: the token is found by its hash, and when it is valid
-- its last use is recorded (at most once a minute, so most calls write nothing and need no
-- WAL flush). Returns nothing for unknown, revoked and expired tokens.
CREATE FUNCTION api_token_use(hash text)
RETURNS TABLE (id uuid, hromada_id int, user_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE api_tokens t SET last_used_at = now()
  WHERE t.token_hash = hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
    AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
  RETURN QUERY SELECT t.id, t.hromada_id, t.user_id FROM api_tokens t
  WHERE t.token_hash = hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now());
END
$$;
REVOKE ALL ON FUNCTION api_token_use(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_token_use(text) TO {{app_role}};

-- The cross-tenant lookups above and in earlier migrations (user_grants, api_token_lookup,
-- decision_verify, the notification outbox, resident_person_links) are SECURITY DEFINER and run as
-- the owner. FORCE ROW LEVEL SECURITY binds the owner too, so on a server where the owner is not a
-- superuser they saw no rows (staff could not sign in). As for the audit log (0011), the owner
-- gets an explicit policy on exactly the tables those functions read.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['grants', 'api_tokens', 'decision_documents', 'notifications', 'resident_persons'] LOOP
    EXECUTE format('CREATE POLICY owner_definer ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
