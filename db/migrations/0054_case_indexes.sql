-- The cases list of the whole hromada (a supervisor's «Усі випадки», newest first): without an index in that
-- order PostgreSQL joined every case to its person and sorted them all for one page of 25 (bench:cases, medium
-- size: a sequential scan of 100,000 persons, ~200 ms at the database). With it the page walks the index and
-- stops after the page.
CREATE INDEX cases_opened_idx ON cases (hromada_id, opened_on DESC, number DESC);
