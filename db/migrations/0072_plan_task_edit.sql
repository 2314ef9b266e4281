-- Editing a task of a plan in the UI (issue 13 item 1): its executors are replaced as a list, so the application
-- may delete a task's executor rows (the organisations directory stays).
GRANT DELETE ON plan_task_executors TO {{app_role}};
