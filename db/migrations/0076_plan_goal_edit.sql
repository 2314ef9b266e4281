-- A goal's title edited in the UI (issue 13 item 1), with the change in the plan's history as a goal's.
ALTER TABLE plan_history DROP CONSTRAINT plan_history_entity_check;
ALTER TABLE plan_history ADD CONSTRAINT plan_history_entity_check
  CHECK (entity IN ('plan', 'task', 'indicator', 'value', 'funding', 'note', 'goal'));
GRANT UPDATE ON plan_goals TO {{app_role}};
