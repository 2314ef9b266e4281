-- Every resident account has a profile from the start (registration, e-mail verification, sign-up
-- through the identity provider create it with the defaults: e-mail notifications on, to the
-- sign-in address). Accounts made before that had none, and their notifications were not e-mailed
-- until they saved the profile: give them the default profile now.
INSERT INTO resident_profiles (user_id)
SELECT u.id FROM users u
WHERE u.kind = 'resident' AND NOT EXISTS (SELECT 1 FROM resident_profiles p WHERE p.user_id = u.id);
