-- A manager who breaks the glass of a restricted case (decision 0021) sees its subject's address and contacts for as
-- long as that access lasts (decision 0023 promised it; until now only the team did). The access is on record and
-- its supervisor is told, as for the case itself; a «reason» access (the team's own) changes nothing here.
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
    AND NOT EXISTS (
      SELECT 1 FROM subject_of s JOIN case_access a
        ON a.hromada_id = current_hromada_id() AND a.case_id = s.id AND a.user_id = p_user AND a.kind = 'break_glass'
          AND a.expires_at > now()
    )
$$;
