-- Row-level security keeps PostgreSQL from using an index for a condition whose operator is not
-- LEAKPROOF (array overlap `&&`, trigram `%`, levenshtein) before the policy's own condition has
-- been checked: searches scanned every person of the hromada. These two functions run the
-- index-driven part of the name search as the table owner (who is not bound by the policy —
-- hence no FORCE on these two tables) and apply the tenant condition themselves, always from
-- the transaction's `current_hromada_id()`, never from an argument.
ALTER TABLE persons NO FORCE ROW LEVEL SECURITY;
ALTER TABLE name_tokens NO FORCE ROW LEVEL SECURITY;

-- Candidate vocabulary tokens for each query token: similar by trigrams, the start of a word,
-- or one or two wrong letters in a short word.
CREATE FUNCTION registry_name_candidates(q text[], per_token int)
RETURNS TABLE (i int, token text, s real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET pg_trgm.similarity_threshold = 0.45 AS $$
  SELECT u.i::int, t.token, t.s FROM unnest(q) WITH ORDINALITY AS u(q, i)
  CROSS JOIN LATERAL (
    SELECT c.token, max(c.s)::real AS s FROM (
      SELECT v.token, similarity(v.token, u.q) AS s FROM name_tokens v
      WHERE v.hromada_id = current_hromada_id() AND v.token % u.q
      UNION ALL
      SELECT v.token, 0.9 FROM name_tokens v
      WHERE length(u.q) >= 3 AND v.hromada_id = current_hromada_id() AND v.token >= u.q AND v.token < u.q || '~'
      UNION ALL
      SELECT v.token, 1 - levenshtein(v.token, u.q)::real / greatest(length(v.token), length(u.q)) FROM name_tokens v
      WHERE length(u.q) >= 3 AND v.hromada_id = current_hromada_id()
        AND v.token >= left(u.q, 1) AND v.token < left(u.q, 1) || '~' AND abs(length(v.token) - length(u.q)) <= 2
        AND levenshtein_less_equal(v.token, u.q, CASE WHEN length(u.q) <= 5 THEN 1 ELSE 2 END)
          <= CASE WHEN length(u.q) <= 5 THEN 1 ELSE 2 END
    ) c GROUP BY c.token ORDER BY s DESC, c.token LIMIT per_token) t
$$;

-- Ids of live persons of the current hromada holding a token of every group, within the filters
-- and the caller's reach, at most `cap`.
CREATE FUNCTION registry_match(groups jsonb, f jsonb, cap int)
RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h int := current_hromada_id();
  q text := 'SELECT p.id FROM persons p WHERE p.merged_into IS NULL AND p.hromada_id = ' || h;
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
    q := q || format(' AND (p.reg_settlement_code = %L OR p.act_settlement_code = %L)', f->>'settlementCode', f->>'settlementCode');
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

REVOKE ALL ON FUNCTION registry_name_candidates(text[], int), registry_match(jsonb, jsonb, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry_name_candidates(text[], int), registry_match(jsonb, jsonb, int) TO {{app_role}};
