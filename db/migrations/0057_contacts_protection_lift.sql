-- The team of a restricted case may lift the protection of its subject's address and contacts (issue 11 item 7,
-- decision 0023): the person moved, agreed to be reachable, the danger passed. With a reason, audited, in the case's
-- timeline; restored the same way. While lifted, that case no longer hides them; another restricted case of the same
-- person that is not lifted still does. The columns hold the lifting in force; the history is the case's timeline.
ALTER TABLE cases
  ADD COLUMN protection_lifted_at timestamptz,
  ADD COLUMN protection_lifted_by uuid REFERENCES users(id),
  ADD COLUMN protection_lifted_reason text CHECK (length(trim(protection_lifted_reason)) BETWEEN 1 AND 2000),
  ADD CONSTRAINT cases_protection_lifted_check CHECK (
    (protection_lifted_at IS NULL) = (protection_lifted_by IS NULL)
    AND (protection_lifted_at IS NULL) = (protection_lifted_reason IS NULL)
    AND (protection_lifted_at IS NULL OR restricted)
  );

-- A person is protected by a restricted case of theirs (or their household's) whose protection is not lifted.
-- The team of any of their restricted cases — lifted or not — sees the contacts: it was trusted with them already.
CREATE OR REPLACE FUNCTION contacts_hidden(p_person uuid, p_user uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  WITH subject_of AS (
    SELECT k.id, k.protection_lifted_at IS NULL AS protecting FROM cases k
    WHERE k.hromada_id = current_hromada_id() AND k.restricted AND k.person_id = p_person
    UNION ALL
    SELECT k.id, k.protection_lifted_at IS NULL FROM household_members hm
      JOIN cases k ON k.hromada_id = hm.hromada_id AND k.household_id = hm.household_id
    WHERE hm.person_id = p_person AND hm.left_on IS NULL AND hm.hromada_id = current_hromada_id() AND k.restricted
  )
  SELECT EXISTS (SELECT 1 FROM subject_of WHERE protecting)
    AND NOT EXISTS (
      SELECT 1 FROM subject_of s JOIN case_team tm
        ON tm.hromada_id = current_hromada_id() AND tm.case_id = s.id AND tm.user_id = p_user AND tm.removed_at IS NULL
    )
$$;
