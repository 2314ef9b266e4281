-- The queue's public pages (kiosk, ticket, screen) name an office by its id with nobody signed in. Its hromada was the
-- one the public pages show (the first active), so in a deployment of several hromadas only that hromada's offices had
-- a kiosk. This function finds the hromada of an open office of an active hromada — nothing else about it — so that the
-- pages open that hromada's transaction; any other id gives NULL (404).
CREATE FUNCTION public_office_hromada(office uuid) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.hromada_id FROM offices o JOIN hromadas h ON h.id = o.hromada_id
  WHERE o.id = office AND o.active AND h.active
$$;
REVOKE ALL ON FUNCTION public_office_hromada(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_office_hromada(uuid) TO {{app_role}};
