-- `npm run keys:rotate` re-seals the decision verification token under the current key as the
-- application role; only that column (the token's hash and everything else stay read-only).
GRANT UPDATE (verification_sealed) ON decision_documents TO {{app_role}};
