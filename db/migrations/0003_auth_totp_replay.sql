-- Staff authentication: the last TOTP time-step accepted for a user, so a code
-- cannot be used twice within its validity window (replay protection).
ALTER TABLE users ADD COLUMN totp_last_step bigint;
