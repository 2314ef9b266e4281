-- A victim's address and contacts are hidden from everyone outside the team (issue 11 item 7, decision 0023).
-- A person is protected while they are the subject of a restricted case (violence, child protection) — theirs, or
-- their household's while they are a member — open or closed: a closed case does not make the address safe.
-- Only the current team (manager, supervisors, members with an account) of one of those cases sees the contacts.
-- One function, next to the cases it reads, so the registry's pages, search and API ask the same question.
CREATE FUNCTION contacts_hidden(p_person uuid, p_user uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  WITH protecting AS (
    SELECT k.id FROM cases k
    WHERE k.hromada_id = current_hromada_id() AND k.restricted AND k.person_id = p_person
    UNION ALL
    SELECT k.id FROM household_members hm
      JOIN cases k ON k.hromada_id = hm.hromada_id AND k.household_id = hm.household_id
    WHERE hm.person_id = p_person AND hm.left_on IS NULL AND hm.hromada_id = current_hromada_id() AND k.restricted
  )
  SELECT EXISTS (SELECT 1 FROM protecting)
    AND NOT EXISTS (
      SELECT 1 FROM protecting pr JOIN case_team tm
        ON tm.hromada_id = current_hromada_id() AND tm.case_id = pr.id AND tm.user_id = p_user AND tm.removed_at IS NULL
    )
$$;

-- The same for the user of the current transaction (set by the application with set_config, as the tenant is).
CREATE FUNCTION contacts_hidden_for_me(p_person uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT contacts_hidden(p_person, nullif(current_setting('app.user_id', true), '')::uuid) $$;

-- A restricted case's subject is found from the person (cases_person_idx) or the household (cases_household_idx).
CREATE INDEX cases_restricted_person_idx ON cases (hromada_id, person_id) WHERE restricted AND person_id IS NOT NULL;
CREATE INDEX cases_restricted_household_idx ON cases (hromada_id, household_id) WHERE restricted AND household_id IS NOT NULL;

-- The name search's filter by settlement (migration 0031) leaves protected persons out for readers outside the team.
CREATE OR REPLACE FUNCTION registry_match_rows(groups jsonb, f jsonb, cap int)
RETURNS TABLE (id uuid, name_tokens text[], last_name text, first_name text, birth_date date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h int := current_hromada_id();
  q text := 'SELECT p.id, p.name_tokens, p.last_name, p.first_name, p.birth_date FROM persons p'
    -- `+ 0`: the tenant is checked on each row, not looked up in the GIN index. In the index its
    -- entry lists every person of the hromada (a million at the target scale), and intersecting
    -- that list cost more than the name tokens' own postings (28 ms instead of 50 ms at 1M).
    || ' WHERE p.merged_into IS NULL AND (p.hromada_id + 0) = ' || h;
  g jsonb;
BEGIN
  IF h IS NULL THEN RETURN; END IF;
  FOR g IN SELECT * FROM jsonb_array_elements(groups) LOOP
    q := q || format(' AND p.name_tokens && %L::text[]', ARRAY(SELECT jsonb_array_elements_text(g)));
  END LOOP;
  IF f ? 'birthDate' THEN q := q || format(' AND p.birth_date = %L::date', f->>'birthDate'); END IF;
  IF f ? 'birthYear' THEN
    q := q || format(' AND p.birth_date >= make_date(%s, 1, 1) AND p.birth_date < make_date(%s, 1, 1)',
      (f->>'birthYear')::int, (f->>'birthYear')::int + 1);
  END IF;
  IF f ? 'settlementCode' THEN
    q := q || format(' AND (p.reg_settlement_code = %L OR p.act_settlement_code = %L)', f->>'settlementCode', f->>'settlementCode')
      -- A protected person is not found by where they live, except by their case's team.
      || ' AND NOT contacts_hidden_for_me(p.id)';
  END IF;
  IF f ? 'districtId' THEN q := q || format(' AND p.district_id = %s', (f->>'districtId')::int); END IF;
  IF f ? 'reachDistrictId' THEN q := q || format(' AND p.district_id = %s', (f->>'reachDistrictId')::int); END IF;
  IF f ? 'reachAgencyId' THEN
    q := q || format(' AND EXISTS (SELECT 1 FROM person_agencies pa WHERE pa.person_id = p.id AND pa.agency_id = %s)',
      (f->>'reachAgencyId')::int);
  END IF;
  IF f ? 'category' THEN
    q := q || format(' AND EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = p.id AND c.code = %L
      AND c.ended_at IS NULL AND (c.valid_to IS NULL OR c.valid_to >= current_date))', f->>'category');
  END IF;
  RETURN QUERY EXECUTE q || ' LIMIT ' || cap;
END $$;
