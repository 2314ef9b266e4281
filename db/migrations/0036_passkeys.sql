-- Passkeys (WebAuthn credentials) of administrators, a second factor beside TOTP (decision 0010).
-- Platform-wide like `users` and `sessions`: a credential belongs to a person, not to a hromada,
-- and is looked up before a tenant is chosen, so these are not tenant tables (no RLS).

CREATE TABLE passkeys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- base64url of the authenticator's credential id, as WebAuthn sends it.
  credential_id text NOT NULL UNIQUE CHECK (char_length(credential_id) BETWEEN 1 AND 1400),
  -- COSE public key: a public key, no secret.
  public_key bytea NOT NULL,
  -- Signature counter; a value that does not grow means a cloned authenticator (0 = not kept).
  counter bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
  transports text[] NOT NULL DEFAULT '{}',
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL DEFAULT false,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id, created_at);

-- WebAuthn challenges, bound to the session that asked for them: one per purpose, single use
-- (taken with DELETE … RETURNING), expiring after a few minutes, gone with the session.
CREATE TABLE webauthn_challenges (
  session_hash text NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('register', 'login')),
  challenge text NOT NULL,
  -- The name the user gave a key being registered (checked when the ceremony starts).
  credential_name text CHECK (credential_name IS NULL OR char_length(credential_name) BETWEEN 1 AND 60),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (session_hash, purpose)
);
CREATE INDEX webauthn_challenges_expiry_idx ON webauthn_challenges (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON passkeys, webauthn_challenges TO {{app_role}};
