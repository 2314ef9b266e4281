-- The registry's two GIN indexes (persons' name tokens, the vocabulary's trigrams) take new entries
-- directly instead of through GIN's "fast update" pending list. Every search scans that list
-- linearly until a vacuum merges it (or it reaches 4 MB), so after an import or a day of
-- registrations each search paid for it: measured on 20,000 persons right after they were loaded,
-- the candidate step took 11.5 ms and the match 32.6 ms, 1.5 ms and 0.9 ms once the list was
-- merged; on the 1M benchmark database (persons imported earlier still pending) the name search's
-- p95 halved. Importing 100,000 rows took as long as before (26–29 s against 26–31 s).
ALTER INDEX persons_tokens_idx SET (fastupdate = off);
ALTER INDEX name_tokens_trgm_idx SET (fastupdate = off);
-- Switching it off does not merge what is already pending.
SELECT gin_clean_pending_list('persons_tokens_idx'::regclass);
SELECT gin_clean_pending_list('name_tokens_trgm_idx'::regclass);
