-- The audit trail's hromada_id loses its foreign key (issue 15). Every audited call inserted an entry whose FK check
-- took a KEY SHARE lock on the hromada's row: calls of one hromada at the same time all locked the same row, and
-- PostgreSQL records several lockers of a row as a multixact — work on every call, and contention between them. The
-- entry's hromada is set by the application from the tenant it acts in (RLS already confines the app role to it), the
-- chain trigger derives the chain from it, and hromadas are never deleted (they are deactivated), so nothing is lost:
-- the entry is a record of what happened, not a reference that must stay resolvable.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_hromada_id_fkey;
