-- A user-bound API key acts as one member of its workspace (CreateApiKey's user_id); NULL for a
-- workspace integration key, which acts as no user. Nullable, so the previous release's inserts,
-- which name no user, still work. No foreign key: the key stops verifying when the user is no
-- longer a member (VerifyApiKey checks memberships), which a key to users would not express.

-- LOCAL: Flyway runs on a pooled connection, and these must not outlive the migration's transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30s';

ALTER TABLE api_keys ADD COLUMN user_id uuid;
