-- Remote consultations (issue 14 item 7, decision 0036): an office of kind «remote» is a video service the hromada
-- configures (the address of its meeting room, `{room}` replaced by a room of each visit); the platform books and
-- reminds, records that the visit happened and its outcome, and never stores video. A sign-language interpreter is a
-- resource the booking reserves like a seat: the hromada's interpreters are numbered seats of a start time across its
-- offices, so two visits at the same time never get the same interpreter.
ALTER TABLE offices DROP CONSTRAINT offices_kind_check;
ALTER TABLE offices ADD CONSTRAINT offices_kind_check CHECK (kind IN ('front_office', 'starosta_office', 'outreach', 'remote'));
ALTER TABLE offices ADD COLUMN video_url text CHECK (video_url IS NULL OR (video_url ~ '^https://[^\s]+$' AND length(video_url) <= 300));
ALTER TABLE offices ADD CONSTRAINT offices_remote_video CHECK (kind <> 'remote' OR video_url IS NOT NULL);
-- How many sign-language interpreters the hromada has for visits at the same time (0: none offered).
ALTER TABLE hromadas ADD COLUMN sign_interpreters int NOT NULL DEFAULT 0 CHECK (sign_interpreters BETWEEN 0 AND 20);

ALTER TABLE appointments ADD COLUMN video_room text CHECK (video_room IS NULL OR video_room ~ '^[a-z0-9-]{8,64}$');
ALTER TABLE appointments ADD COLUMN interpreter_seat int CHECK (interpreter_seat IS NULL OR interpreter_seat BETWEEN 1 AND 20);
ALTER TABLE appointments ADD COLUMN outcome_note text CHECK (outcome_note IS NULL OR length(outcome_note) <= 1000);
CREATE UNIQUE INDEX appointments_interpreter_key ON appointments (hromada_id, starts_at, interpreter_seat)
  WHERE status <> 'cancelled' AND interpreter_seat IS NOT NULL;
