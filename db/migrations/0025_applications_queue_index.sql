-- The queue is read in deadline order, usually without a status filter: an index in that order
-- lets the first page stop early instead of sorting every application of the hromada.
CREATE INDEX applications_deadline_idx ON applications (hromada_id, deadline, created_at, id);
