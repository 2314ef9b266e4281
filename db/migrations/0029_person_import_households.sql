-- Households in the import of persons: counters of the households step, and a kind of issue for
-- household problems (row, column, message key: no personal data, as before).

ALTER TABLE person_imports
  ADD COLUMN household_created_count int NOT NULL DEFAULT 0,
  ADD COLUMN household_existing_count int NOT NULL DEFAULT 0,
  ADD COLUMN household_rejected_count int NOT NULL DEFAULT 0;

ALTER TABLE person_import_issues DROP CONSTRAINT person_import_issues_kind_check;
ALTER TABLE person_import_issues ADD CONSTRAINT person_import_issues_kind_check
  CHECK (kind IN ('invalid', 'duplicate', 'warning', 'household'));
