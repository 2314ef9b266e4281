-- A starosta's grant must name a starosta district and a provider's grant an agency (issue 9, item 1).
-- Until now a grant without one reached the whole hromada; the policy now lets it reach nothing and the
-- admin form refuses it. Grants of that kind that already exist are reported (NOTICE, shown by the
-- migration runner) and removed, each with an audit entry, and the table refuses new ones.
-- Written to run again safely (a test replays it on purpose).
DO $$
DECLARE
  g record;
  n int := 0;
BEGIN
  FOR g IN
    SELECT gr.id, gr.hromada_id, gr.role, u.username
    FROM grants gr JOIN users u ON u.id = gr.user_id
    WHERE (gr.role = 'starosta' AND gr.district_id IS NULL) OR (gr.role = 'provider' AND gr.agency_id IS NULL)
    ORDER BY gr.id
  LOOP
    RAISE NOTICE 'Роль «%» користувача % (громада %, grant %) не має %: вона охоплювала всю громаду і її вилучено. Надайте роль знову з обмеженням.',
      g.role, g.username, g.hromada_id, g.id, CASE g.role WHEN 'starosta' THEN 'старостинського округу' ELSE 'організації' END;
    DELETE FROM grants WHERE id = g.id;
    INSERT INTO audit_log (hromada_id, actor_label, action, operation, entity_type, entity_id, fields, reason)
    VALUES (g.hromada_id, 'migration 0037', 'grant.remove', 'admin', 'grant', g.id::text, ARRAY['user_id', 'role'],
      CASE g.role WHEN 'starosta' THEN 'scope_missing:district' ELSE 'scope_missing:agency' END);
    n := n + 1;
  END LOOP;
  IF n > 0 THEN
    RAISE NOTICE 'Вилучено ролей без обов’язкового округу чи організації: %', n;
  END IF;
END $$;

ALTER TABLE grants DROP CONSTRAINT IF EXISTS grants_scope_required;
ALTER TABLE grants ADD CONSTRAINT grants_scope_required
  CHECK ((role <> 'starosta' OR district_id IS NOT NULL) AND (role <> 'provider' OR agency_id IS NOT NULL));
