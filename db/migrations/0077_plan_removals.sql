-- Removing what was entered by mistake from a plan (issue 13 item 1): an indicator with its values, a funding source
-- with its amounts, a task without progress notes, an empty goal; and adding goals. The history keeps what was removed
-- (change «remove», before = the removed row and what went with it); its rows are not tied to the removed rows.
ALTER TABLE plan_history DROP CONSTRAINT plan_history_change_check;
ALTER TABLE plan_history ADD CONSTRAINT plan_history_change_check
  CHECK (change IN ('import', 'update', 'add', 'freeze', 'remove'));
GRANT DELETE ON plan_indicators, plan_indicator_values, plan_task_funding, plan_tasks, plan_task_executors, plan_goals
  TO {{app_role}};
