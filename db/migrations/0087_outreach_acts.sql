-- Issue 14 part 5: a provider's worker on an outreach trip records the services they delivered offline; the synced
-- operation is kept like the others (one per operation id).
ALTER TABLE outreach_ops DROP CONSTRAINT outreach_ops_kind_check;
ALTER TABLE outreach_ops ADD CONSTRAINT outreach_ops_kind_check CHECK (kind IN ('person.create', 'person.update',
  'application.create', 'case.note', 'stop.record', 'visit.book', 'act.record'));
