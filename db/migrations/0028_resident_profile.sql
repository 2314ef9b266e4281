-- The resident's profile: contacts, how they want to be contacted and their accessibility needs.
-- It belongs to the account, not to a hromada (like users, user_identities and resident_documents):
-- every query filters by user_id; staff read it only for the resident of an application they may
-- read (the residents module finds that account the same way notifications do).
CREATE TABLE resident_profiles (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  -- Ukrainian mobile or landline number, normalised: +380 and nine digits.
  phone text CHECK (phone IS NULL OR phone ~ '^\+380[0-9]{9}$'),
  -- Where notifications go by e-mail; NULL = the sign-in address.
  contact_email text CHECK (contact_email IS NULL OR length(contact_email) BETWEEN 3 AND 254),
  contact_channel text NOT NULL DEFAULT 'email' CHECK (contact_channel IN ('email', 'phone', 'cabinet')),
  email_notifications boolean NOT NULL DEFAULT true,
  -- The remembered site settings (the `a11y` cookie), applied at every sign-in.
  text_size text NOT NULL DEFAULT 'normal' CHECK (text_size IN ('normal', 'large', 'larger')),
  contrast text NOT NULL DEFAULT 'normal' CHECK (contrast IN ('normal', 'high')),
  needs text[] NOT NULL DEFAULT '{}'
    CHECK (needs <@ ARRAY['textOverCalls', 'signLanguage', 'largePrint', 'easyRead']::text[]),
  other_needs text CHECK (other_needs IS NULL OR length(other_needs) <= 500),
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON resident_profiles TO {{app_role}};
