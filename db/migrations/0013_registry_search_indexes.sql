-- Search indexes that lead with the tenant: row-level security adds `hromada_id = …` to every
-- query, and with single-column indexes the planner answered that qual from a btree and then
-- filtered every person of the hromada. btree_gin lets one GIN index serve both conditions.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX persons_tokens_idx;
CREATE INDEX persons_tokens_idx ON persons USING gin (hromada_id, name_tokens) WHERE merged_into IS NULL;
DROP INDEX name_tokens_trgm_idx;
CREATE INDEX name_tokens_trgm_idx ON name_tokens USING gin (hromada_id, token gin_trgm_ops);
