-- Indexes the provider's month page needs at scale (bench:delivery, 10M acts).
-- A provider's acts of a month and a person's acts of a month list cancelled acts too, so the partial indexes of 0063
-- (acts in force only) could not serve them and PostgreSQL read the whole table. The indexes take every act; the
-- queries that count acts in force filter on the row.
DROP INDEX service_acts_agency_idx;
CREATE INDEX service_acts_agency_idx ON service_acts (hromada_id, agency_id, act_date);
DROP INDEX service_acts_person_idx;
CREATE INDEX service_acts_person_idx ON service_acts (hromada_id, person_id, act_date);

-- The plan item an assignment came from: directly (plan_item_id, the primary key) or, for an assignment from an
-- application a plan item asked for, by that application.
CREATE INDEX case_plan_items_application_idx ON case_plan_items (hromada_id, application_id)
  WHERE application_id IS NOT NULL;
