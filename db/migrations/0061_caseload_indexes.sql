-- The supervisor's caseload page (issue 11 item 8, bench:cases): the plans waiting for approval are listed oldest
-- first — an index in that order lets the page read the first twenty and stop (it sorted every waiting plan); the
-- restricted cases are few, and an index of them alone counts the waiting items a viewer may not see without
-- reading every case. The submitted plans' index replaces the one by status (same rows, now ordered).
CREATE INDEX case_plans_submitted_idx ON case_plans (hromada_id, submitted_at) WHERE status = 'submitted';
DROP INDEX case_plans_status_idx;
CREATE INDEX cases_restricted_idx ON cases (hromada_id, id) WHERE restricted;
