-- The ground of a refusal as a code beside its legal reason in words (issue 13: unmet need — applications refused for
-- lack of capacity — is counted by a metric): no free places or capacity, not among the service's recipients,
-- documents not provided, other. Refusals before this column have none.
ALTER TABLE applications ADD COLUMN refusal_ground text
  CHECK (refusal_ground IS NULL OR refusal_ground IN ('no_capacity', 'not_eligible', 'documents', 'other'));
