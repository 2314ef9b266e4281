-- audit_log has FORCE ROW LEVEL SECURITY, which also binds the table owner. The chain trigger
-- (SECURITY DEFINER, runs as the owner) must see every row of a chain, including platform-wide
-- entries without a hromada, and the verifier runs as the owner too. On a server where the
-- owner is not a superuser (no BYPASSRLS) that needs an explicit policy for the owner role.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON audit_log TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
