-- Workloads (issue 11 item 8): the supervisor's «approvals waiting» lists and counts the closure requests
-- of the hromada's open cases; without this index that is a scan of every case of the hromada.
CREATE INDEX cases_closure_requested_idx ON cases (hromada_id, closure_requested_at)
  WHERE closure_requested_at IS NOT NULL;
