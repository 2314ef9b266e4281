-- Indexes a provider's month page needs at scale (bench:delivery: 2,000 providers, 10M acts over two years).
--
-- The provider's acts of a month: the partial index of 0063 (acts in force only) could not serve the month's list,
-- which shows cancelled acts too, so PostgreSQL read the whole table. The index now takes every act and carries what
-- the month page counts and sorts by (the assignment, minutes, start, entry time, cancellation), so the capacity,
-- each assignment's volume and the choice of the page's acts read the index alone; only the page's acts are then
-- read from the table.
DROP INDEX service_acts_agency_idx;
CREATE INDEX service_acts_agency_idx ON service_acts (hromada_id, agency_id, act_date)
  INCLUDE (id, assignment_id, minutes, starts_at, created_at, cancelled_at);
-- A person's acts of a month (the API, the cabinet) list cancelled acts too.
DROP INDEX service_acts_person_idx;
CREATE INDEX service_acts_person_idx ON service_acts (hromada_id, person_id, act_date);

-- The plan item an assignment came from: directly (plan_item_id, the primary key) or, for an assignment from an
-- application a plan item asked for, by that application.
CREATE INDEX case_plan_items_application_idx ON case_plan_items (hromada_id, application_id)
  WHERE application_id IS NOT NULL;
