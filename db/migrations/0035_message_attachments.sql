-- Files a resident sends with a message about their application. They are documents of the
-- application like any other (same table, same storage under DATA_DIR/uploads/applications, same
-- RLS by hromada, listed on the office's documents page) and also name the message that carried
-- them. The pair (message, application) is the foreign key, so a file can only belong to a message
-- of its own application. The message text stays required (1–4000 characters): files come with it.

ALTER TABLE application_messages ADD CONSTRAINT application_messages_id_application_key UNIQUE (id, application_id);

ALTER TABLE application_documents ADD COLUMN message_id uuid;
ALTER TABLE application_documents ADD CONSTRAINT application_documents_message_fk
  FOREIGN KEY (message_id, application_id) REFERENCES application_messages (id, application_id);
-- The conversation's files: by application (the partial keeps only attachments of messages).
CREATE INDEX application_documents_message_idx ON application_documents (application_id, message_id)
  WHERE message_id IS NOT NULL;
