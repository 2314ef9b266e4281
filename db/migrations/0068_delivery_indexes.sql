-- A provider's month page (bench:delivery) finds the plan item an assignment came from: directly (plan_item_id, the
-- primary key) or, for an assignment from an application a plan item asked for, by that application.
CREATE INDEX case_plan_items_application_idx ON case_plan_items (hromada_id, application_id)
  WHERE application_id IS NOT NULL;
