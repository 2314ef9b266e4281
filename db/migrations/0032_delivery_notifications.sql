-- The resident is told when the delivery of a granted service starts (with the provider) and
-- when it is completed. The list keeps every earlier kind (0022, 0027).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('registered', 'documents_requested', 'granted', 'refused', 'message', 'in_delivery', 'completed'));
